import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type BackoffPolicy, backoffDelay } from '@/lib/sora/backoff';

const policy: BackoffPolicy = { baseMs: 1000, capMs: 8000, maxAttempts: 6 };

describe('backoffDelay: exponential, full jitter, cap, Retry-After floor (docs/backend-facts.md §7.5)', () => {
  it('the ceiling doubles per attempt and stops at the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, policy, () => 0.999_999);
    expect([0, 1, 2, 3, 4, 5].map(top)).toEqual([999, 1999, 3999, 7999, 7999, 7999]);
  });

  it('full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(4000);
  });

  it('Retry-After is a floor, even above the cap', () => {
    expect(backoffDelay(0, policy, () => 0.1, 5000)).toBe(5000);
    expect(backoffDelay(5, policy, () => 0.9, 60_000)).toBe(60_000);
    expect(backoffDelay(5, policy, () => 0.9, 10)).toBe(7200);
  });

  it('null once the attempts are spent', () => {
    expect(backoffDelay(6, policy, () => 0.5)).toBeNull();
  });

  it('is pure: the same random source gives the same delays', () => {
    const seq = () => {
      let x = 0.1;
      return () => (x = (x * 7.3) % 1);
    };
    const a = seq();
    const b = seq();
    const run = (r: () => number) => [0, 1, 2, 3].map((n) => backoffDelay(n, policy, r));
    expect(run(a)).toEqual(run(b));
  });

  describe('driving a retry loop with fake timers', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('waits exactly the computed delays between attempts', async () => {
      const attempts: number[] = [];
      let attempt = 0;
      const run = async (): Promise<void> => {
        for (;;) {
          attempts.push(Date.now());
          if (attempt === 3) return;
          const delay = backoffDelay(attempt++, policy, () => 0.5) as number;
          await new Promise((r) => setTimeout(r, delay));
        }
      };
      const start = Date.now();
      const done = run();
      await vi.advanceTimersByTimeAsync(500);
      expect(attempts).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1000 + 2000);
      await done;
      expect(attempts.map((t) => t - start)).toEqual([0, 500, 1500, 3500]);
    });
  });
});
