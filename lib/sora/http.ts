import type { z } from 'zod';
import { isSoraError, SoraError } from './errors';
import { mapFailedResponse } from './map-error';
import { maskText, maskUrl } from './mask';

/** One recorded call, already masked: no tokens, cookies or signatures ever reach this shape. */
export interface RequestLogEntry {
  at: number;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  errorCode: string | null;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpDeps {
  fetch: FetchLike;
  now: () => number;
  /** Injected sink: the client knows no storage. */
  log: (entry: RequestLogEntry) => void;
  /** Below Chrome's 30 s fetch kill so we, not the browser, decide what a timeout means. */
  timeoutMs: number;
}

export interface HttpRequest {
  endpoint: string;
  url: string;
  init: RequestInit;
}

export interface Http {
  /** Sends, maps failures into SoraError, parses the JSON body with `schema`. */
  json<T extends z.ZodType>(req: HttpRequest, schema: T): Promise<z.output<T>>;
}

async function send(deps: HttpDeps, req: HttpRequest): Promise<Response> {
  try {
    return await deps.fetch(req.url, { ...req.init, signal: AbortSignal.timeout(deps.timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    throw new SoraError({
      code: 'retryable',
      message: timedOut ? `${req.endpoint} did not answer in time.` : `${req.endpoint} could not be reached.`,
      endpoint: req.endpoint,
      cause: error,
    });
  }
}

function parseJson<T extends z.ZodType>(endpoint: string, text: string, schema: T): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SoraError({
      code: 'bad_response',
      message: `${endpoint} answered with something that is not JSON.`,
      endpoint,
    });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new SoraError({
      code: 'bad_response',
      message: `${endpoint} answered in an unexpected shape${where}: ${issue?.message ?? 'invalid'}.`,
      endpoint,
    });
  }
  return parsed.data;
}

async function perform<T extends z.ZodType>(
  deps: HttpDeps,
  req: HttpRequest,
  schema: T,
): Promise<{ status: number; value: z.output<T> }> {
  const res = await send(deps, req);
  const text = await res.text();
  if (!res.ok) {
    throw mapFailedResponse(
      {
        endpoint: req.endpoint,
        status: res.status,
        contentType: res.headers.get('content-type'),
        retryAfter: res.headers.get('retry-after'),
        cfMitigated: res.headers.has('cf-mitigated'),
        body: text.slice(0, 20_000),
      },
      deps.now(),
    );
  }
  if (/^\s*</.test(text)) {
    // facts §7.4: HTML where JSON belongs is a challenge or login page, never data.
    throw new SoraError({
      code: 'challenge',
      message: 'Sora answered with a web page instead of data. Open sora.chatgpt.com in a tab, then resume.',
      endpoint: req.endpoint,
      status: res.status,
    });
  }
  return { status: res.status, value: parseJson(req.endpoint, text, schema) };
}

/** Creates the HTTP layer every endpoint method goes through: timeout, log, error mapping, zod. */
export function createHttp(deps: HttpDeps): Http {
  return {
    async json(req, schema) {
      const started = deps.now();
      const entry = (status: number, errorCode: string | null): RequestLogEntry => ({
        at: started,
        method: req.init.method ?? 'GET',
        url: maskUrl(req.url),
        status,
        durationMs: deps.now() - started,
        errorCode,
      });
      try {
        const { status, value } = await perform(deps, req, schema);
        deps.log(entry(status, null));
        return value;
      } catch (error) {
        const soraError = isSoraError(error)
          ? error
          : new SoraError({
              code: 'retryable',
              message: maskText(String(error)),
              endpoint: req.endpoint,
              cause: error,
            });
        deps.log(entry(soraError.status ?? 0, soraError.code));
        throw soraError;
      }
    },
  };
}
