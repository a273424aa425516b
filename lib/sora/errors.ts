/**
 * The one error type for everything that goes wrong talking to the backend. Callers switch on
 * `code`, never on `instanceof` across contexts (the code survives structured cloning, the class does not).
 */
export type SoraErrorCode =
  | 'auth' // JSON 401/403: the session is gone or the token was invalidated
  | 'signed_out' // the session endpoint reports nobody signed in
  | 'challenge' // HTML / Cloudflare 403: the user must open Sora in a tab (docs/backend-facts.md §7.4)
  | 'rate_limit_concurrent' // 429 "too many concurrent tasks" (docs/backend-facts.md §7.2)
  | 'rate_limit_daily' // 429 daily/credit exhaustion, with a reset time (docs/backend-facts.md §7.2)
  | 'content_policy' // the prompt or result was refused (docs/backend-facts.md §5.3)
  | 'sentinel' // 400 sentinel_block / invalid_request (docs/backend-facts.md §3.1)
  | 'sentinel_unavailable' // the page's SentinelSDK could not be reached
  | 'retryable' // network failure, 5xx, timeout, overload
  | 'bad_response' // the backend answered with a shape we do not understand
  | 'fatal'; // a bad request that will not succeed if repeated

export interface SoraErrorInit {
  code: SoraErrorCode;
  message: string;
  endpoint?: string;
  status?: number;
  retryAfterMs?: number | null;
  resetAt?: number | null;
  /** The request may have reached the backend but its answer never arrived (timeout, cut body, network). */
  responseLost?: boolean;
  cause?: unknown;
}

/** A classified backend failure with a plain-words message. */
export class SoraError extends Error {
  readonly code: SoraErrorCode;
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  readonly retryAfterMs: number | null;
  readonly resetAt: number | null;
  readonly responseLost: boolean;

  constructor(init: SoraErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'SoraError';
    this.code = init.code;
    this.endpoint = init.endpoint;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs ?? null;
    this.resetAt = init.resetAt ?? null;
    this.responseLost = init.responseLost ?? false;
  }
}

/** True for any error carrying our error code (works across realms, unlike `instanceof`). */
export function isSoraError(error: unknown): error is SoraError {
  return (
    error instanceof Error &&
    typeof (error as Partial<SoraError>).code === 'string' &&
    error.name === 'SoraError'
  );
}

/** True when a write may have landed without us seeing the answer: never resend it blindly (docs/backend-facts.md §13). */
export function isResponseLost(error: unknown): boolean {
  return isSoraError(error) && error.code === 'retryable' && error.responseLost;
}
