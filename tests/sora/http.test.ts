import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { REQUEST_TIMEOUT_MS } from '@/lib/backend/timeouts';
import { isResponseLost, isSoraError, type SoraError } from '@/lib/sora/errors';
import { createHttp, type RequestLogEntry } from '@/lib/sora/http';
import { json } from './helpers';

const Schema = z.looseObject({ ok: z.boolean() });
const req = (url = 'https://sora.chatgpt.com/backend/nf/check') => ({ endpoint: 'quota', url, init: {} });

function setup(fetch: (input: string, init?: RequestInit) => Promise<Response>, timeoutMs = 1000) {
  const log: RequestLogEntry[] = [];
  const http = createHttp({ fetch, now: () => Date.now(), log: (e) => log.push(e), timeoutMs });
  return { http, log };
}

const caught = async (p: Promise<unknown>): Promise<SoraError> => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isSoraError(error)) throw new Error(`expected a SoraError, got ${String(error)}`);
  return error;
};

describe('http: timeouts (fake timers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const hanging = (_: string, init?: RequestInit): Promise<Response> =>
    new Promise((_resolve, reject) =>
      init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
    );

  it('a response that never comes is cut at the product timeout (under Chrome’s 30 s kill), as a lost, retryable error', async () => {
    expect(REQUEST_TIMEOUT_MS).toBeLessThan(30_000);
    const { http, log } = setup(hanging, REQUEST_TIMEOUT_MS);
    const pending = caught(http.json(req(), Schema));
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    expect(log).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    const error = await pending;
    expect(error.code).toBe('retryable');
    expect(error.message).toMatch(/did not answer in time/);
    expect(isResponseLost(error)).toBe(true);
    expect(log[0]).toMatchObject({ status: 0, errorCode: 'retryable', durationMs: REQUEST_TIMEOUT_MS });
  });

  it('the deadline covers the body: headers then a stalled body still time out', async () => {
    const stalled = async (_: string, init?: RequestInit): Promise<Response> => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"ok"'));
          init?.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    const { http } = setup(stalled, 5000);
    const pending = caught(http.json(req(), Schema));
    await vi.advanceTimersByTimeAsync(5000);
    expect(isResponseLost(await pending)).toBe(true);
  });
});

describe('http: parsing and the request log', () => {
  it('parses with zod; unknown extra fields pass', async () => {
    const { http } = setup(async () => json(200, { ok: true, extra: 1 }));
    await expect(http.json(req(), Schema)).resolves.toEqual({ ok: true, extra: 1 });
  });

  it('a missing required field fails naming the endpoint and the field', async () => {
    const { http, log } = setup(async () => json(200, { nope: 1 }));
    const error = await caught(http.json(req(), Schema));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/^quota answered in an unexpected shape at ok/);
    expect(log[0]).toMatchObject({ status: 200, errorCode: 'bad_response' });
  });

  it('HTML where JSON belongs is a challenge (docs/backend-facts.md §7.4)', async () => {
    const { http } = setup(
      async () => new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } }),
    );
    expect((await caught(http.json(req(), Schema))).code).toBe('challenge');
  });

  it('a cut body is a lost response (the create may have landed)', async () => {
    const cut = async (): Promise<Response> => {
      const body = new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('{"id":"ta'));
          c.error(new TypeError('terminated'));
        },
      });
      return new Response(body, { status: 200 });
    };
    const { http } = setup(cut);
    const error = await caught(http.json(req(), Schema));
    expect(isResponseLost(error)).toBe(true);
  });

  it('logs method, masked url, status, duration and error code — never tokens or signatures', async () => {
    const url = 'https://videos.openai.com/az/files/u%2Fraw?se=2026-01-01&sig=SECRET&limit=5';
    const { http, log } = setup(async () => json(429, { error: { code: 'too_many_concurrent_tasks' } }));
    const post = {
      endpoint: 'create',
      url,
      init: { method: 'POST', headers: { authorization: 'Bearer eyJa.b.c' } },
    };
    await caught(http.json(post, Schema));
    expect(log[0]).toMatchObject({ method: 'POST', status: 429, errorCode: 'rate_limit_concurrent' });
    expect(log[0]!.url).toBe('videos.openai.com/az/files/u%2Fraw?se=***&sig=***&limit=5');
    expect(JSON.stringify(log)).not.toMatch(/SECRET|eyJ/);
  });
});
