import type { z } from 'zod';
import { isSoraError, SoraError } from './errors';
import { mapFailedResponse } from './map-error';
import { maskText, maskUrl } from './mask';
import { parseJsonBody } from './parse';

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
  /** Timer functions, injected so fake timers drive timeouts in tests (default: the globals). */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface HttpRequest {
  endpoint: string;
  url: string;
  init: RequestInit;
}

/** A successful (2xx) answer, body read in full. */
export interface TextResponse {
  status: number;
  contentType: string | null;
  text: string;
}

export interface Http {
  /** Sends, maps failures into SoraError, parses the JSON body with `schema`. */
  json<T extends z.ZodType>(req: HttpRequest, schema: T): Promise<z.output<T>>;
  /** Sends and maps failures, but leaves a 2xx body to the caller (the session endpoint, facts §2.2). */
  text(req: HttpRequest): Promise<TextResponse>;
}

function transportError(endpoint: string, timedOut: boolean, cause: unknown): SoraError {
  return new SoraError({
    code: 'retryable',
    message: timedOut ? `${endpoint} did not answer in time.` : `${endpoint} could not be reached.`,
    endpoint,
    responseLost: true,
    cause,
  });
}

/** One exchange under one deadline: the timeout covers the body too, so a stalled body cannot hang us. */
async function exchange(deps: HttpDeps, req: HttpRequest): Promise<TextResponse> {
  const controller = new AbortController();
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  const timer = setTimer(
    () => controller.abort(new DOMException('timed out', 'TimeoutError')),
    deps.timeoutMs,
  );
  let res: Response;
  let text: string;
  try {
    res = await deps.fetch(req.url, { ...req.init, signal: controller.signal });
    text = await res.text();
  } catch (error) {
    throw transportError(req.endpoint, controller.signal.aborted, error);
  } finally {
    clearTimer(timer);
  }
  const contentType = res.headers.get('content-type');
  if (!res.ok) {
    throw mapFailedResponse(
      {
        endpoint: req.endpoint,
        status: res.status,
        contentType,
        retryAfter: res.headers.get('retry-after'),
        cfMitigated: res.headers.has('cf-mitigated'),
        body: text.slice(0, 20_000),
      },
      deps.now(),
    );
  }
  return { status: res.status, contentType, text };
}

/** Creates the HTTP layer every endpoint method goes through: timeout, log, error mapping, zod. */
export function createHttp(deps: HttpDeps): Http {
  async function logged<R>(req: HttpRequest, run: () => Promise<{ status: number; value: R }>): Promise<R> {
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
      const { status, value } = await run();
      deps.log(entry(status, null));
      return value;
    } catch (error) {
      const soraError = isSoraError(error)
        ? error
        : new SoraError({ code: 'retryable', message: maskText(String(error)), endpoint: req.endpoint });
      deps.log(entry(soraError.status ?? 0, soraError.code));
      throw soraError;
    }
  }
  return {
    json: (req, schema) =>
      logged(req, async () => {
        const res = await exchange(deps, req);
        return { status: res.status, value: parseJsonBody(req.endpoint, res, schema) };
      }),
    text: (req) =>
      logged(req, async () => {
        const res = await exchange(deps, req);
        return { status: res.status, value: res };
      }),
  };
}
