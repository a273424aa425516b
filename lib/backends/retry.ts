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
