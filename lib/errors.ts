/**
 * The error type for failures that are ours rather than a backend's (a refused download, a missing
 * result, an unreadable import file). Callers switch on `code`, never on `instanceof`: across the RPC
 * boundary the server sends `{code, message}` and the class is gone.
 */
export type AppErrorCode =
  /** A link or answer we refuse to act on (a file link on a host that is not a media host). */
  | 'bad_response'
  /** The thing asked for does not exist (yet): a job with no finished result. */
  | 'not_found'
  /** A file the user chose cannot be read as what it claims to be. */
  | 'bad_file'
  /** The job's backend cannot do this kind of work (no such capability); refused, never sent. */
  | 'unsupported';

/** A failure with a stable `code`, a plain-words message and, when it wraps one, the `cause`. */
export class AppError extends Error {
  readonly code: AppErrorCode;

  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
  }
}

/** The message of anything thrown: an Error's message, else the value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The `code` of anything thrown (any error type that carries one), else `fallback`. */
export function errorCode(error: unknown, fallback = 'internal'): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : fallback;
}

/**
 * Chromium's answer to every extension API call once it has begun to close (`runtime.lastError`
 * "The browser is shutting down."). Nothing is wrong with the work that asked: it is left as it
 * stands, and the next start picks it up as after a worker stop (docs/reliability.md §3).
 */
export function isBrowserShuttingDown(error: unknown): boolean {
  return /\bbrowser is shutting down\b/i.test(errorMessage(error));
}
