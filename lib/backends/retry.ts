/** Retry knobs; pure data so the policy is testable with any random source. */
export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetryPolicy = { baseMs: 2_000, capMs: 60_000, maxAttempts: 5 };

/** What the server said about waiting: `Retry-After` / `retry-after-ms`, or `openai-poll-after-ms`. */
export interface WaitHints {
  retryAfterMs?: number | null;
  pollAfterMs?: number | null;
}

/**
 * Full-jitter backoff: uniform in [0, min(cap, base·2^attempt)], never below what the server asked
 * (docs/reliability.md §14). Null once the attempt budget is spent.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number,
  hints: WaitHints = {},
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  const floor = Math.max(hints.retryAfterMs ?? 0, hints.pollAfterMs ?? 0);
  return Math.max(Math.floor(random() * ceiling), floor);
}

/** The next poll: the server's `openai-poll-after-ms` when it sent one (OAI-PY `poll()`), else our interval. */
export function nextPollDelay(intervalMs: number, pollAfterMs: number | null): number {
  return pollAfterMs === null ? intervalMs : Math.max(intervalMs, pollAfterMs);
}

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3); `retry-after-ms` (OpenAI) wins when sent. */
export function parseRetryAfter(headers: Headers, now: number): number | null {
  const ms = Number(headers.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** `openai-poll-after-ms` (docs/backend-facts.md §11.1: OAI-PY videos.py `poll()`), null when absent or nonsense. */
export function parsePollAfter(headers: Headers): number | null {
  const raw = headers.get('openai-poll-after-ms');
  const ms = raw === null ? Number.NaN : Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 10 * 60_000) : null;
}
