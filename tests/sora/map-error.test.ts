import { describe, expect, it } from 'vitest';
import { type FailedResponse, mapFailedResponse, parseRetryAfter } from '@/lib/sora/map-error';
import { fixture } from './helpers';

const NOW = 1_775_000_000_000;
const res = (status: number, name: string | null, over: Partial<FailedResponse> = {}): FailedResponse => ({
  endpoint: 'create',
  status,
  contentType: 'application/json',
  retryAfter: null,
  cfMitigated: false,
  body: name ? JSON.stringify(fixture(name)) : '',
  ...over,
});
const CF_HTML =
  '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>challenge-platform</body></html>';

describe('mapFailedResponse: the one error mapper (docs/backend-facts.md §7)', () => {
  it.each([
    ['JSON 401 token_invalidated', res(401, 'error-token-invalidated'), 'auth'],
    ['JSON 401 missing bearer', res(401, 'error-missing-bearer'), 'auth'],
    ['JSON 403 without a code', res(403, 'error-missing-bearer'), 'auth'],
    ['4xx token_expired (billing)', res(400, 'error-token-expired'), 'auth'],
    ['403 unsupported_country_code', res(403, 'error-country'), 'fatal'],
    [
      '403 model_not_allowed',
      res(403, null, { body: '{"error":{"code":"model_not_allowed","message":"Pro only"}}' }),
      'fatal',
    ],
    ['403 Cloudflare HTML', res(403, null, { contentType: 'text/html', body: CF_HTML }), 'challenge'],
    ['403 with cf-mitigated', res(403, null, { cfMitigated: true, body: '' }), 'challenge'],
    ['429 Cloudflare HTML', res(429, null, { contentType: 'text/html', body: CF_HTML }), 'challenge'],
    ['429 too_many_concurrent_tasks', res(429, 'error-concurrent'), 'rate_limit_concurrent'],
    ['429 "only generate 3 videos"', res(429, 'error-concurrent-message'), 'rate_limit_concurrent'],
    ['429 rate_limit_exhausted', res(429, 'error-daily'), 'rate_limit_daily'],
    ['429 balance reached', res(429, 'error-daily-balance'), 'rate_limit_daily'],
    ['400 sentinel_block', res(400, 'error-sentinel-block'), 'sentinel'],
    ['400 invalid_request "Hmmm"', res(400, 'error-invalid-request-hmmm'), 'sentinel'],
    ['400 invalid_request "Unable to process", no param', res(400, 'error-unable-to-process'), 'sentinel'],
    [
      '400 invalid_request naming a param',
      res(400, null, {
        body: '{"error":{"code":"invalid_request","message":"Unable to process request","param":"n_frames"}}',
      }),
      'fatal',
    ],
    ['400 content policy message', res(400, 'error-policy'), 'content_policy'],
    ['500', res(500, null, { body: 'oops' }), 'retryable'],
    [
      '502 HTML from the CDN',
      res(502, null, { contentType: 'text/html', body: '<html>Bad gateway</html>' }),
      'retryable',
    ],
    ['503 heavy load', res(503, 'error-heavy-load'), 'retryable'],
    ['400 heavy load', res(400, 'error-heavy-load'), 'retryable'],
    ['408', res(408, null), 'retryable'],
    ['404', res(404, null, { body: '{"error":{"code":"not_found"}}' }), 'fatal'],
  ])('%s → %s', (_name, response, code) => {
    const error = mapFailedResponse(response, NOW);
    expect(error.code).toBe(code);
    expect(error.endpoint).toBe('create');
    expect(error.status).toBe(response.status);
  });

  it('daily limit carries the reset time from access_resets_in_seconds, else Retry-After', () => {
    expect(mapFailedResponse(res(429, 'error-daily'), NOW).resetAt).toBe(NOW + 3_600_000);
    const noBalance = res(429, null, { body: '{"error":{"type":"rate_limit_exhausted"}}', retryAfter: '90' });
    const error = mapFailedResponse(noBalance, NOW);
    expect(error.resetAt).toBe(NOW + 90_000);
    expect(error.retryAfterMs).toBe(90_000);
  });

  it('Retry-After is seconds or an HTTP date, never negative', () => {
    expect(parseRetryAfter('12', NOW)).toBe(12_000);
    expect(parseRetryAfter(new Date(NOW + 5000).toUTCString(), NOW)).toBeGreaterThanOrEqual(4000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it('the concurrent limit keeps Retry-After; the message asks to wait for a slot', () => {
    const error = mapFailedResponse(res(429, 'error-concurrent', { retryAfter: '15' }), NOW);
    expect(error.retryAfterMs).toBe(15_000);
    expect(error.message).toMatch(/free slot/);
  });
});
