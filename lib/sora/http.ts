import type { z } from 'zod/mini';
import { createEndpointGate } from './endpoint-gate';
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
  /** Jitter for the backoff after a 429/503 without Retry-After (default Math.random). */
  random?: () => number;
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
  json<T extends z.core.$ZodType>(req: HttpRequest, schema: T): Promise<z.output<T>>;
  /** Sends and maps failures, but leaves a 2xx body to the caller (the session endpoint, docs/backend-facts.md §2.2). */
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

/**
 * The most a backend answer may be. The largest real ones (a drafts page) are tens of kB; anything
 * bigger is broken or hostile, and buffering it would only eat the worker's memory.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** A failed answer is read only this far: the error mapper looks at the first 20,000 characters. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

function refused(endpoint: string, status: number, message: string): SoraError {
  return new SoraError({ code: 'bad_response', message, endpoint, status });
}

/**
 * Reads at most `limit` bytes. Over the limit: `null` (`truncate` false) or the first `limit` bytes;
 * either way the rest is never downloaded.
 */
async function readCapped(res: Response, limit: number, truncate: boolean): Promise<string | null> {
  const declared = Number(res.headers.get('content-length') ?? Number.NaN);
  if (!truncate && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return truncate ? text + decoder.decode(value.subarray(0, value.byteLength - (size - limit))) : null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

/** A redirect is never followed: it could lead the credentialed request anywhere. */
function isRedirect(res: Response): boolean {
  return res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400);
}

function redirectError(endpoint: string, res: Response): SoraError {
  let where = 'another address';
  try {
    const location = res.headers.get('location');
    if (location) where = new URL(location).host || where;
  } catch {
    // an unparseable Location names no host
  }
  // No status: like a lost answer, a redirected write may or may not have been done (a create reconciles).
  return new SoraError({
    code: 'bad_response',
    message: `Sora answered ${endpoint} with a redirect to ${where}; it was not followed.`,
    endpoint,
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
  let text: string | null;
  try {
    // `manual`: a redirect comes back to us unfollowed (in a browser as an opaque redirect).
    res = await deps.fetch(req.url, { ...req.init, redirect: 'manual', signal: controller.signal });
    if (isRedirect(res)) {
      await res.body?.cancel().catch(() => undefined);
      throw redirectError(req.endpoint, res);
    }
    text = await readCapped(res, res.ok ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES, !res.ok);
  } catch (error) {
    if (isSoraError(error)) throw error;
    throw transportError(req.endpoint, controller.signal.aborted, error);
  } finally {
    clearTimer(timer);
  }
  if (text === null) {
    const mb = Math.round(MAX_BODY_BYTES / (1024 * 1024));
    throw refused(
      req.endpoint,
      res.status,
      `${req.endpoint} answered with more than ${mb} MB; the answer was refused.`,
    );
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

/**
 * Creates the HTTP layer every endpoint method goes through: Retry-After gate, timeout, log, error
 * mapping, zod.
 */
export function createHttp(deps: HttpDeps): Http {
  const gate = createEndpointGate(deps.now, deps.random);
  async function logged<R>(req: HttpRequest, run: () => Promise<{ status: number; value: R }>): Promise<R> {
    // Reliability docs/reliability.md §14: a held endpoint is not asked again, whichever caller wants it.
    gate.check(req.endpoint);
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
      gate.succeeded(req.endpoint);
      return value;
    } catch (error) {
      const soraError = isSoraError(error)
        ? error
        : new SoraError({ code: 'retryable', message: maskText(String(error)), endpoint: req.endpoint });
      deps.log(entry(soraError.status ?? 0, soraError.code));
      gate.failed(req.endpoint, soraError);
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
