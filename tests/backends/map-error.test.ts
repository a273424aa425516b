import { describe, expect, it } from 'vitest';
import { mapTaskApiFailure } from '@/lib/backends/task-api/map-error';
import { mapVideosApiFailure } from '@/lib/backends/videos-api/map-error';

const NOW = Date.parse('2026-12-02T08:00:00Z');
const res = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  endpoint: 'x',
  status,
  headers: new Headers(headers),
  body: typeof body === 'string' ? body : JSON.stringify(body),
});
const oai = (code: string | null, message = '', type = 'invalid_request_error') => ({
  error: { code, message, type, param: null },
});

describe('Videos API error mapper (OpenAI, LiteLLM, new-api, Azure bodies)', () => {
  it.each([
    [401, oai('invalid_api_key', 'Incorrect API key provided'), {}, 'auth', null],
    [403, { error: { message: 'Access denied' } }, {}, 'auth', null],
    [403, { error: { message: '用户额度不足 quota not enough' } }, {}, 'quota_exhausted', null],
    [402, { message: 'Insufficient balance' }, {}, 'quota_exhausted', null],
    [
      429,
      oai('insufficient_quota', 'You exceeded your current quota', 'insufficient_quota'),
      { 'retry-after': '5' },
      'quota_exhausted',
      null,
    ],
    [429, oai('rate_limit_exceeded', 'Rate limit', 'requests'), { 'retry-after': '7' }, 'rate_limited', 7000],
    [429, oai('rate_limit_exceeded'), { 'retry-after-ms': '1500', 'retry-after': '9' }, 'rate_limited', 1500],
    [429, oai(null), { 'retry-after': 'Wed, 02 Dec 2026 08:00:30 GMT' }, 'rate_limited', 30_000],
    [429, 'Too Many Requests', {}, 'rate_limited', null],
    [404, oai('video_not_ready', 'not ready'), {}, 'not_ready', null],
    [404, oai(null, 'Video is still processing'), {}, 'not_ready', null],
    [404, oai('not_found', 'Video not found'), {}, 'fatal', null],
    [
      400,
      oai('moderation_blocked', 'Your request was blocked by our moderation system.'),
      {},
      'content_policy',
      null,
    ],
    [400, oai('invalid_value', "Invalid value: '9'", 'invalid_request_error'), {}, 'bad_request', null],
    [422, { detail: 'bad' }, {}, 'bad_request', null],
    [500, oai(null, 'boom', 'server_error'), {}, 'retryable', null],
    [503, '<html>gateway</html>', { 'retry-after': '3' }, 'retryable', 3000],
    [408, '', {}, 'retryable', null],
    [418, '', {}, 'fatal', null],
  ])('HTTP %i %j → %s', (status, body, headers, code, retryAfterMs) => {
    const e = mapVideosApiFailure(res(status, body, headers), NOW);
    expect(e.retryable ? 'retryable' : e.code).toBe(code); // retryable = code fatal + the flag
    expect(e.retryAfterMs).toBe(retryAfterMs);
    expect(e.messageKey).toMatch(/^backendError/);
    expect(e.message).not.toMatch(/undefined|null|\[object/);
  });

  it('keeps the server’s own words as detail', () => {
    expect(mapVideosApiFailure(res(400, oai('x', "Invalid value: '9'")), NOW).detail).toBe(
      "Invalid value: '9'",
    );
  });
});

describe('task API error mapper (seed: invalid params, bad key, no credits, too many requests, server error)', () => {
  it.each([
    [400, { code: 400, msg: 'prompt is required' }, 'bad_request'],
    [401, { code: 401, msg: 'Unauthorized' }, 'auth'],
    [402, { code: 402, msg: 'Insufficient credits' }, 'quota_exhausted'],
    [429, { code: 429, msg: 'Too many requests' }, 'rate_limited'],
    [500, { code: 500, msg: 'Internal error' }, 'retryable'],
    [502, '<html>bad gateway</html>', 'retryable'],
    [404, { code: 404, msg: 'Task not found' }, 'fatal'],
    [400, { code: 400, msg: 'prompt contains sensitive content' }, 'content_policy'],
    // HTTP 200 with an error code in the body: the body decides.
    [200, { code: 401, msg: 'invalid key' }, 'auth'],
    [200, { code: 402, msg: 'no credits' }, 'quota_exhausted'],
    [200, { code: 500, msg: 'err' }, 'retryable'],
  ])('HTTP %i %j → %s', (status, body, code) => {
    const e = mapTaskApiFailure(res(status, body, { 'retry-after': '4' }), NOW);
    expect(e.retryable ? 'retryable' : e.code).toBe(code);
  });

  it('429 honours Retry-After', () => {
    expect(
      mapTaskApiFailure(res(429, { code: 429, msg: '' }, { 'retry-after': '4' }), NOW).retryAfterMs,
    ).toBe(4000);
  });
});
