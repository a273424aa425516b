import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from '../backend/backoff';
import { SoraError } from './errors';

/** Statuses that mean "slow down" even without a Retry-After (docs/backend-facts.md §7.5: 429 and overload 503). */
const SLOW_DOWN = new Set([429, 503]);

/**
 * Per-endpoint "not before" times. A `Retry-After` (or, without one, a full-jitter backoff after a
 * 429/503) holds every later request to that endpoint — polls and drafts included — until it has
 * passed: the held request fails at once with the same error, without reaching the network.
 */
export interface EndpointGate {
  /** Throws the endpoint's last refusal while it is held; otherwise returns. */
  check(endpoint: string): void;
  /** Records a failed answer; holds the endpoint when the answer asked us to wait. */
  failed(endpoint: string, error: SoraError): void;
  /** A success ends the endpoint's backoff streak. */
  succeeded(endpoint: string): void;
}

interface Hold {
  until: number;
  error: SoraError;
  streak: number;
}

/** Creates the gate; time and randomness are injected so the policy is testable. */
export function createEndpointGate(
  now: () => number,
  random: () => number = Math.random,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): EndpointGate {
  const holds = new Map<string, Hold>();
  return {
    check(endpoint) {
      const hold = holds.get(endpoint);
      const left = hold ? hold.until - now() : 0;
      if (!hold || left <= 0) return;
      const { error } = hold;
      throw new SoraError({
        code: error.code,
        message: error.message,
        endpoint,
        status: error.status,
        retryAfterMs: left,
        resetAt: error.resetAt,
        cause: error,
      });
    },
    failed(endpoint, error) {
      const asked = error.retryAfterMs;
      if (asked === null && !SLOW_DOWN.has(error.status ?? 0)) return;
      const streak = (holds.get(endpoint)?.streak ?? 0) + 1;
      const wait = asked ?? backoffDelay(streak - 1, policy, random) ?? policy.capMs;
      holds.set(endpoint, { until: now() + wait, error, streak });
    },
    succeeded(endpoint) {
      holds.delete(endpoint);
    },
  };
}
