import { describe, expect, it } from 'vitest';
import { nextPollDelay, parsePollAfter, parseRetryAfter } from '@/lib/backends/retry';

describe('Retry-After and openai-poll-after-ms', () => {
  it('the server’s poll hint is a floor on the next poll', () => {
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
