/**
 * The one error taxonomy every backend produces (docs/architecture.md "The error taxonomy"): the
 * pipeline switches on `code` and the flags, never on a backend's own error type. One class,
 * wrapping the backend's original error with `cause`.
 */
export type BackendErrorCode =
  | 'auth' // the key was refused (401/403): set that key aside
  | 'rate_limited' // slow down; `retryAfterMs` says how long when the server did
  | 'quota_exhausted' // out of credits / quota on this key: set it aside until refilled
  | 'not_ready' // asked for a result too early: poll again
  | 'bad_request' // the request was refused as it is: fails that job, never resent unchanged
  | 'content_policy' // refused under the service's content policy: fails that job
  | 'fatal'; // anything else; with `retryable` (network, timeout, 5xx, odd answer) it is tried again

/** Message catalogue keys (public/_locales), so the UI can say it in the user's language. */
export const BACKEND_ERROR_MESSAGE_KEYS = {
  auth: 'backendErrorAuth',
  rate_limited: 'backendErrorRateLimited',
  quota_exhausted: 'backendErrorQuota',
  not_ready: 'backendErrorNotReady',
  bad_request: 'backendErrorBadRequest',
  content_policy: 'backendErrorContentPolicy',
  fatal: 'backendErrorFatal',
  retryable: 'backendErrorRetryable',
  unexpected: 'backendErrorBadResponse',
} as const;
type MessageKey = (typeof BACKEND_ERROR_MESSAGE_KEYS)[keyof typeof BACKEND_ERROR_MESSAGE_KEYS];

export interface BackendErrorInit {
  code: BackendErrorCode;
  /** Plain words, English; never a key, a signed link or a header value. */
  message: string;
  /** Which endpoint failed, e.g. `videos.create`. */
  endpoint: string;
  status?: number;
  retryAfterMs?: number | null;
  /** Network failure, timeout, 5xx, overload, an answer we do not understand: try again with backoff. */
  retryable?: boolean;
  /** A 2xx in a shape we do not understand (shown as "check the base URL"). */
  unexpected?: boolean;
  /** The server's own words (`error.message` / `msg`), when it said any; secrets are stripped by the HTTP layer. */
  detail?: string | null;
  /** The request may have reached the server but its answer never arrived: a create must not be resent. */
  responseLost?: boolean;
  /** `quota_exhausted`: when the limit resets (epoch ms), null when the backend did not say. */
  resetAt?: number | null;
  /**
   * The refusal concerns every create to this backend right now, not this job alone (a Sora sentinel
   * or challenge refusal): no further create is tried this tick.
   */
  backendWide?: boolean;
  /** The backend's own finer code (e.g. Sora's `sentinel`), stored on the job so the UI can name it. */
  kind?: string | null;
  cause?: unknown;
}

/** A classified API failure. */
export class BackendError extends Error {
  readonly code: BackendErrorCode;
  readonly endpoint: string;
  readonly status: number | undefined;
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;
  readonly unexpected: boolean;
  readonly detail: string | null;
  readonly responseLost: boolean;
  readonly resetAt: number | null;
  readonly backendWide: boolean;
  readonly kind: string | null;
  /** The catalogue key to show it by. */
  readonly messageKey: MessageKey;

  constructor(init: BackendErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'BackendError';
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.retryable = init.retryable ?? false;
    this.unexpected = init.unexpected ?? false;
    this.detail = init.detail ?? null;
    this.responseLost = init.responseLost ?? false;
    this.resetAt = init.resetAt ?? null;
    this.backendWide = init.backendWide ?? false;
    this.kind = init.kind ?? null;
    const keys = BACKEND_ERROR_MESSAGE_KEYS;
    this.messageKey = this.unexpected ? keys.unexpected : this.retryable ? keys.retryable : keys[init.code];
  }
}

/** True for a BackendError, across realms (name + code, not `instanceof`). */
export function isBackendError(error: unknown): error is BackendError {
  return (
    error instanceof Error &&
    error.name === 'BackendError' &&
    typeof (error as Partial<BackendError>).code === 'string'
  );
}
