/** Retry policy knobs; pure data so the policy is testable with any random source. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 60_000, maxAttempts: 5 };

/**
 * Full-jitter exponential backoff (delay uniform in [0, min(cap, base·2^attempt)]), with the server's
 * Retry-After as a floor. Returns null once the attempt budget is spent.
 */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs: number | null = null,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
