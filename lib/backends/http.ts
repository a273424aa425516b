import { z } from 'zod/mini';
import { BackendError, isBackendError } from '../backend/errors';
import { maskApiUrl, redactSecrets } from './mask';

/** One recorded call, masked: no key, no header, no signed query value reaches it. */
export interface ApiLogEntry {
  at: number;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  errorCode: string | null;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ApiHttpDeps {
  fetch: FetchLike;
  now: () => number;
  /** Injected sink: the client knows no storage. */
  log: (entry: ApiLogEntry) => void;
  /** Below Chrome's 30 s fetch kill (docs/reliability.md §7), so we decide what a timeout means. */
  timeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface ApiRequest {
  endpoint: string;
  url: string;
  init: RequestInit;
  /** Values to strip from any message built from this exchange (the key). */
  secrets?: readonly string[];
}

/** A failed answer, as plain data for the backend's error mapper. */
export interface FailedApiResponse {
  endpoint: string;
  status: number;
  headers: Headers;
  /** At most the first 20,000 characters. */
  body: string;
}

export type FailureMapper = (res: FailedApiResponse, now: number) => BackendError;

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
}

export const DEFAULT_TIMEOUT_MS = 25_000;
/** Largest JSON answer accepted: the biggest real one (a list page of 100 videos) is far smaller. */
export const MAX_JSON_BYTES = 4 * 1024 * 1024;
const MAX_ERROR_BYTES = 64 * 1024;

async function readCapped(res: Response, limit: number): Promise<string | null> {
  if (Number(res.headers.get('content-length') ?? 0) > limit) {
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
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
}

function transportError(req: ApiRequest, timedOut: boolean, cause: unknown): BackendError {
  return new BackendError({
    code: 'fatal',
    retryable: true,
    message: timedOut ? `${req.endpoint} did not answer in time.` : `${req.endpoint} could not be reached.`,
    endpoint: req.endpoint,
    responseLost: true,
    cause,
  });
}

/** The HTTP layer of both API clients: one deadline per exchange (body included), no redirects, masked log. */
export function createApiHttp(deps: ApiHttpDeps, mapFailure: FailureMapper) {
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  async function exchange<R>(
    req: ApiRequest,
    read: (res: Response) => Promise<R>,
  ): Promise<{ res: Response; value: R }> {
    const controller = new AbortController();
    const timer = setTimer(
      () => controller.abort(new DOMException('timed out', 'TimeoutError')),
      deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
    try {
      // A redirect is never followed: it could carry the key's request anywhere.
      const res = await deps.fetch(req.url, { ...req.init, redirect: 'manual', signal: controller.signal });
      if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
        await res.body?.cancel().catch(() => undefined);
        throw new BackendError({
          code: 'fatal',
          message: `${req.endpoint} answered with a redirect; it was not followed.`,
          endpoint: req.endpoint,
          status: res.status,
        });
      }
      if (!res.ok) {
        const body = (await readCapped(res, MAX_ERROR_BYTES)) ?? '';
        throw mapFailure(
          { endpoint: req.endpoint, status: res.status, headers: res.headers, body: body.slice(0, 20_000) },
          deps.now(),
        );
      }
      return { res, value: await read(res) };
    } catch (error) {
      if (isBackendError(error)) throw error;
      throw transportError(req, controller.signal.aborted, error);
    } finally {
      clearTimer(timer);
    }
  }

  async function logged<R>(
    req: ApiRequest,
    run: () => Promise<{ res: Response; value: R }>,
  ): Promise<{ res: Response; value: R }> {
    const at = deps.now();
    const entry = (status: number, errorCode: string | null): ApiLogEntry => ({
      at,
      method: req.init.method ?? 'GET',
      url: maskApiUrl(req.url),
      status,
      durationMs: deps.now() - at,
      errorCode,
    });
    try {
      const out = await run();
      deps.log(entry(out.res.status, null));
      return out;
    } catch (error) {
      const e = isBackendError(error)
        ? error
        : new BackendError({
            code: 'fatal',
            retryable: true,
            message: String(error),
            endpoint: req.endpoint,
            cause: error,
          });
      deps.log(entry(e.status ?? 0, e.code));
      // The server may echo the request (key included) in its words: strip it before anyone sees them.
      const message = redactSecrets(e.message, req.secrets);
      const detail = e.detail === null ? null : redactSecrets(e.detail, req.secrets);
      if (message === e.message && detail === e.detail) throw e;
      throw new BackendError({
        code: e.code,
        message,
        detail,
        endpoint: e.endpoint,
        ...(e.status === undefined ? {} : { status: e.status }),
        retryAfterMs: e.retryAfterMs,
        retryable: e.retryable,
        unexpected: e.unexpected,
        responseLost: e.responseLost,
        cause: e,
      });
    }
  }

  return {
    /** Sends and parses a 2xx JSON answer with `schema`; returns the headers too (poll hints). */
    async json<T extends z.core.$ZodType>(
      req: ApiRequest,
      schema: T,
    ): Promise<{ value: z.output<T>; headers: Headers }> {
      const { res, value } = await logged(req, () =>
        exchange(req, async (r) => {
          const text = await readCapped(r, MAX_JSON_BYTES);
          if (text === null)
            throw new BackendError({
              code: 'fatal',
              retryable: true,
              unexpected: true,
              message: `${req.endpoint} answered with more than 4 MB; refused.`,
              endpoint: req.endpoint,
              status: r.status,
            });
          return parseJson(req.endpoint, r.status, text, schema);
        }),
      );
      return { value, headers: res.headers };
    },
    /** Sends and reads the whole 2xx body as bytes (media). */
    async bytes(req: ApiRequest): Promise<{ body: ArrayBuffer; headers: Headers }> {
      const { res, value } = await logged(req, () => exchange(req, (r) => r.arrayBuffer()));
      return { body: value, headers: res.headers };
    },
  };
}

export type ApiHttp = ReturnType<typeof createApiHttp>;

/** Parses a 2xx body; the error names the endpoint and the first failing field. */
export function parseJson<T extends z.core.$ZodType>(
  endpoint: string,
  status: number,
  text: string,
  schema: T,
): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const page = /^\s*</.test(text) ? ' (a web page: is the base URL right?)' : '';
    throw new BackendError({
      code: 'fatal',
      retryable: true,
      unexpected: true,
      message: `${endpoint} answered with something that is not JSON${page}.`,
      endpoint,
      status,
    });
  }
  const parsed = z.safeParse(schema, value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new BackendError({
      code: 'fatal',
      retryable: true,
      unexpected: true,
      message: `${endpoint} answered in an unexpected shape${where}: ${issue?.message ?? 'invalid'}.`,
      endpoint,
      status,
    });
  }
  return parsed.data;
}
