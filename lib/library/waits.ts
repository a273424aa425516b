import { backoffDelay, DEFAULT_BACKOFF } from '../backend/backoff';
import { isBackendError } from '../backend/errors';
import { errorMessage } from '../errors';
import { isSoraError } from '../sora/errors';

/** What to do after a failed library request. */
export interface Wait {
  /** How long to wait before the next request (the backend's Retry-After when it sent one). */
  ms: number;
  /** The credentials are refused (signed out, every key refused): stop and let the user fix them. */
  auth: boolean;
  /** Repeating cannot help (a 4xx refusal). */
  final: boolean;
  /** The item or page is gone (404). */
  gone: boolean;
  message: string;
}

type Classified = Pick<Wait, 'auth' | 'final' | 'gone'> & { retryAfterMs: number | null };

/** The Sora session's own errors and the neutral BackendError (a connection's) both say what happened. */
function classify(error: unknown): Classified | null {
  if (isSoraError(error)) {
    const gone = error.status === 404;
    const final =
      gone || error.code === 'fatal' || error.code === 'content_policy' || error.code === 'bad_response';
    const auth = error.code === 'auth' || error.code === 'signed_out';
    return { auth, final, gone, retryAfterMs: error.retryAfterMs ?? null };
  }
  if (isBackendError(error)) {
    // A 404 "not ready yet" is a video still rendering, not one deleted.
    const gone = error.status === 404 && error.code !== 'not_ready';
    const refused = error.code === 'bad_request' || error.code === 'content_policy' || error.unexpected;
    const final = gone || refused || (error.code === 'fatal' && !error.retryable);
    return { auth: error.code === 'auth', final, gone, retryAfterMs: error.retryAfterMs };
  }
  return null;
}

/** Maps a failure to a wait: Retry-After is honoured as sent, otherwise full-jitter backoff. */
export function waitFor(error: unknown, attempts: number, random: () => number): Wait {
  const message = errorMessage(error);
  const attempt = Math.min(attempts, DEFAULT_BACKOFF.maxAttempts - 1);
  const backoff = backoffDelay(attempt, DEFAULT_BACKOFF, random) ?? DEFAULT_BACKOFF.capMs;
  const c = classify(error);
  if (!c) return { ms: backoff, auth: false, final: false, gone: false, message };
  return { ms: c.retryAfterMs ?? backoff, auth: c.auth, final: c.final, gone: c.gone, message };
}
