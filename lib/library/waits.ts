import { backoffDelay, DEFAULT_BACKOFF } from '../backend/backoff';
import { errorMessage } from '../errors';
import { isSoraError } from '../sora/errors';

/** What to do after a failed library request. */
export interface Wait {
  /** How long to wait before the next request (the backend's Retry-After when it sent one). */
  ms: number;
  /** The session is gone: stop and let the user sign in. */
  auth: boolean;
  /** Repeating cannot help (a 4xx refusal). */
  final: boolean;
  /** The item or page is gone (404). */
  gone: boolean;
  message: string;
}

/** Maps a failure to a wait: Retry-After is honoured as sent, otherwise full-jitter backoff. */
export function waitFor(error: unknown, attempts: number, random: () => number): Wait {
  const message = errorMessage(error);
  const attempt = Math.min(attempts, DEFAULT_BACKOFF.maxAttempts - 1);
  const backoff = backoffDelay(attempt, DEFAULT_BACKOFF, random) ?? DEFAULT_BACKOFF.capMs;
  if (!isSoraError(error)) return { ms: backoff, auth: false, final: false, gone: false, message };
  const auth = error.code === 'auth' || error.code === 'signed_out';
  const gone = error.status === 404;
  const final =
    gone || error.code === 'fatal' || error.code === 'content_policy' || error.code === 'bad_response';
  const ms = error.retryAfterMs ?? backoff;
  return { ms, auth, final, gone, message };
}
