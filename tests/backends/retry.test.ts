import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  nextPollDelay,
  parsePollAfter,
  parseRetryAfter,
  retryDelay,
} from '@/lib/backends/retry';

describe('full-jitter backoff honouring Retry-After and openai-poll-after-ms', () => {
  it('stays in [max(floor), min(cap, base·2^n)] and stops after the budget', () => {
    fc.assert(
      fc.property(
        fc.nat(10),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        fc.option(fc.nat(90_000)),
        (n, r, floor) => {
          const d = retryDelay(n, DEFAULT_RETRY, () => r, { retryAfterMs: floor });
          if (n >= DEFAULT_RETRY.maxAttempts) return d === null;
          const ceiling = Math.min(DEFAULT_RETRY.capMs, DEFAULT_RETRY.baseMs * 2 ** n);
          return d !== null && d >= (floor ?? 0) && (d < ceiling || d === floor);
        },
      ),
    );
  });

  it('the server’s wait is a floor, whichever header said it', () => {
    expect(retryDelay(0, DEFAULT_RETRY, () => 0, { retryAfterMs: 7000 })).toBe(7000);
    expect(retryDelay(0, DEFAULT_RETRY, () => 0, { pollAfterMs: 2500 })).toBe(2500);
    expect(nextPollDelay(5000, 1000)).toBe(5000);
    expect(nextPollDelay(5000, 20_000)).toBe(20_000);
    expect(nextPollDelay(5000, null)).toBe(5000);
  });

  it('parses the headers', () => {
    const now = Date.parse('2026-12-02T08:00:00Z');
    expect(parseRetryAfter(new Headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(parseRetryAfter(new Headers({ 'retry-after': 'Wed, 02 Dec 2026 08:00:10 GMT' }), now)).toBe(
      10_000,
    );
    expect(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now)).toBeNull();
    expect(parseRetryAfter(new Headers(), now)).toBeNull();
    expect(parsePollAfter(new Headers({ 'openai-poll-after-ms': '1000' }))).toBe(1000);
    expect(parsePollAfter(new Headers({ 'openai-poll-after-ms': '-1' }))).toBeNull();
    expect(parsePollAfter(new Headers({ 'openai-poll-after-ms': '99999999' }))).toBe(600_000);
  });
});
