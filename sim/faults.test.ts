import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SignedInClient, signInClient } from './helpers';
import { startSim } from './server';
import { createVideo, getJson, videoBody, waitFor } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
let c: SignedInClient;
beforeEach(async () => {
  sim = await startSim({ renderMs: 60_000 });
  c = await signInClient(sim);
});
afterEach(() => sim.close());

const CHECK = '/backend/nf/check';
const get = (path: string, init: RequestInit = {}) =>
  c.f(`https://sora.chatgpt.com${path}`, { headers: c.auth(), ...init });

describe('fault kinds', () => {
  it('status: JSON body and headers, for `times` requests only', async () => {
    sim.faults.inject({
      path: CHECK,
      times: 2,
      action: {
        kind: 'status',
        status: 503,
        body: { error: { message: 'busy' } },
        headers: { 'retry-after': '7' },
      },
    });
    for (let i = 0; i < 2; i++) {
      const res = await get(CHECK);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(await res.json()).toEqual({ error: { message: 'busy' } });
    }
    expect((await get(CHECK)).status).toBe(200);
    expect(sim.faults.active()).toHaveLength(0);
  });

  it('status with a string body is sent as text; method/host filters narrow the match', async () => {
    sim.faults.inject({
      method: 'POST',
      path: CHECK,
      action: { kind: 'status', status: 500, body: 'plain' },
    });
    sim.faults.inject({ host: 'chatgpt.com', path: CHECK, action: { kind: 'status', status: 500 } });
    expect((await get(CHECK)).status).toBe(200);
    expect(sim.faults.active()).toHaveLength(2);
  });

  it('html', async () => {
    sim.faults.inject({
      path: /^\/backend\//,
      action: { kind: 'html', status: 502, html: '<h1>Bad gateway</h1>' },
    });
    const res = await get('/backend/nf/pending/v2');
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('hang: never answers; the client gives up with its AbortSignal; close() still resolves fast', async () => {
    sim.faults.hang(CHECK);
    const ctl = new AbortController();
    const pending = get(CHECK, { signal: ctl.signal });
    await waitFor(() => sim.log.filter({ path: CHECK }).length === 1);
    setTimeout(() => ctl.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(sim.log.filter({ path: CHECK })[0]).toMatchObject({ status: 0, fault: 'hang' });
    sim.faults.hang(CHECK);
    const stuck = get(CHECK).catch((e: unknown) => e);
    await waitFor(() => sim.log.filter({ path: CHECK }).length === 2);
    const t0 = Date.now();
    await sim.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await stuck).toBeInstanceOf(TypeError);
  });

  it('delay: answers normally after ms', async () => {
    sim.faults.slow(CHECK, 150);
    const t0 = Date.now();
    expect((await get(CHECK)).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(sim.log.filter({ path: CHECK })[0]?.fault).toBe('delay');
  });

  it('drop: the socket is destroyed without an answer', async () => {
    sim.faults.inject({ path: CHECK, action: { kind: 'drop' } });
    await expect(get(CHECK)).rejects.toBeInstanceOf(TypeError);
    expect(sim.log.filter({ path: CHECK })[0]).toMatchObject({ status: 0, fault: 'drop' });
  });

  it('accept-then-drop: the task exists although the socket closed before any answer', async () => {
    sim.faults.inject({ method: 'POST', path: '/backend/nf/create', action: { kind: 'accept-then-drop' } });
    await expect(createVideo(c, { prompt: 'dropped response' })).rejects.toBeInstanceOf(TypeError);
    expect(sim.tasks().map((t) => t.prompt)).toEqual(['dropped response']);
    expect(sim.log.filter({ method: 'POST', path: '/backend/nf/create' })[0]).toMatchObject({
      status: 0,
      fault: 'accept-then-drop',
    });
  });

  it('accept-then-cut (loseCreateResponse): the task exists, its response starts and is cut off', async () => {
    sim.faults.loseCreateResponse();
    const read = async (): Promise<unknown> => (await createVideo(c, { prompt: 'lost response' })).json();
    await expect(read()).rejects.toThrow();
    expect(sim.tasks().map((t) => t.prompt)).toEqual(['lost response']);
    const pending = (await getJson<{ id: string; prompt: string }[]>(c, '/backend/nf/pending/v2')).body;
    expect(pending.map((p) => p.prompt)).toEqual(['lost response']);
    expect(sim.log.filter({ method: 'POST', path: '/backend/nf/create' })[0]).toMatchObject({
      status: 0,
      fault: 'accept-then-cut',
    });
  });

  it('throw: an exception inside a handler becomes a logged 500 JSON and the server keeps serving', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    sim.faults.inject({ path: CHECK, action: { kind: 'throw', message: 'boom' } });
    const res = await get(CHECK);
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal_error');
    expect(sim.log.filter({ path: CHECK })[0]).toMatchObject({ status: 500, error: 'boom' });
    expect((await get(CHECK)).status).toBe(200);
  });

  it('redirect: a 302 to another host, with nothing done; followed only by a client that follows', async () => {
    sim.faults.inject({
      path: CHECK,
      times: 2,
      action: { kind: 'redirect', location: 'https://chatgpt.com/elsewhere' },
    });
    const res = await get(CHECK, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('https://chatgpt.com/elsewhere');
    expect(sim.log.filter({ host: 'chatgpt.com' })).toHaveLength(0);
    const followed = await get(CHECK);
    expect(followed.url).toBe('https://chatgpt.com/elsewhere');
    expect(sim.log.filter({ host: 'chatgpt.com', path: '/elsewhere' })).toHaveLength(1);
    expect(sim.log.filter({ path: CHECK })[0]).toMatchObject({ status: 302, fault: 'redirect' });
  });

  it('huge: a valid JSON body of exactly `bytes`, with or without Content-Length', async () => {
    sim.faults.inject({ path: CHECK, action: { kind: 'huge', bytes: 300_000 } });
    const sized = await get(CHECK);
    expect(sized.headers.get('content-length')).toBe('300000');
    const text = await sized.text();
    expect(text).toHaveLength(300_000);
    expect((JSON.parse(text) as { pad: string }).pad).toMatch(/^x+$/);
    sim.faults.inject({ path: CHECK, action: { kind: 'huge', bytes: 200_000, chunked: true } });
    const chunked = await get(CHECK);
    expect(chunked.headers.get('content-length')).toBeNull();
    expect((await chunked.text()).length).toBe(200_000);
  });

  it('huge: a client that stops reading ends the stream; the server keeps serving', async () => {
    sim.faults.inject({ path: CHECK, action: { kind: 'huge', bytes: 500_000_000 } });
    const res = await get(CHECK);
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect((await get(CHECK)).status).toBe(200);
  });
});

describe('fault presets', () => {
  it('tokenInvalidated: 401 token_invalidated on /backend/* only', async () => {
    sim.faults.tokenInvalidated(1);
    expect((await c.f('https://sora.chatgpt.com/api/auth/session')).status).toBe(200);
    const res = await get(CHECK);
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: {
        message: expect.any(String),
        type: 'invalid_request_error',
        param: null,
        code: 'token_invalidated',
      },
    });
    expect((await get(CHECK)).status).toBe(200);
  });

  it('cloudflareChallenge: 403 "Just a moment..." HTML with cf-mitigated', async () => {
    sim.faults.cloudflareChallenge('/backend/nf/pending/v2', 1);
    const res = await get('/backend/nf/pending/v2');
    expect(res.status).toBe(403);
    expect(res.headers.get('cf-mitigated')).toBe('challenge');
    expect(await res.text()).toContain('Just a moment...');
  });

  it('serverErrors: `times` responses with the given status (default 502)', async () => {
    sim.faults.serverErrors(CHECK, 2);
    sim.faults.serverErrors('/backend/me', 1, 504);
    expect([(await get(CHECK)).status, (await get(CHECK)).status, (await get(CHECK)).status]).toEqual([
      502, 502, 200,
    ]);
    expect((await get('/backend/me')).status).toBe(504);
  });

  it('sentinelBlock: 400 sentinel_block even with a valid token, creating nothing', async () => {
    sim.faults.sentinelBlock();
    const res = await createVideo(c);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('sentinel_block');
    expect(sim.tasks()).toHaveLength(0);
    expect((await createVideo(c)).status).toBe(200);
  });

  it('concurrentLimit: a forced 429 too_many_concurrent_tasks', async () => {
    sim.faults.concurrentLimit();
    const res = await createVideo(c);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('too_many_concurrent_tasks');
  });

  it('clear() removes armed rules', async () => {
    sim.faults.hang(CHECK, 5);
    sim.faults.clear();
    expect((await get(CHECK)).status).toBe(200);
  });

  it('rejects a non-positive times', () => {
    expect(() => sim.faults.inject({ path: CHECK, times: 0, action: { kind: 'drop' } })).toThrow();
  });
});

describe('request log', () => {
  it('records method, host, path, query, status, duration, raw lowercased headers and write bodies', async () => {
    sim.log.clear();
    await get('/backend/project_y/profile/drafts/v2?limit=3&cursor=');
    const body = videoBody({ prompt: 'logged' });
    await c.f('https://sora.chatgpt.com/backend/nf/create', {
      method: 'POST',
      headers: await c.writeHeaders(),
      body: JSON.stringify(body),
    });
    const [read] = sim.log.filter({ path: '/backend/project_y/profile/drafts/v2' });
    expect(read).toMatchObject({
      method: 'GET',
      host: 'sora.chatgpt.com',
      query: { limit: '3', cursor: '' },
      status: 200,
    });
    expect(read?.headers.authorization).toBe(`Bearer ${c.accessToken}`);
    expect(read?.body).toBeUndefined();
    const [write] = sim.log.filter({ method: 'POST', path: '/backend/nf/create' });
    expect(write?.body).toEqual(body);
    expect(write?.headers['openai-sentinel-token']).toBeTruthy();
    expect(sim.log.count('POST', '/backend-api/sentinel/req')).toBe(1);
    expect(sim.log.count('GET', /^\/backend\//)).toBe(1);
    const seqs = sim.log.entries().map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const e of sim.log.entries()) expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('does not log /__sim/* requests', async () => {
    sim.log.clear();
    await c.f('https://sora.chatgpt.com/__sim/tasks');
    await c.f('https://sora.chatgpt.com/__sim/login', { redirect: 'manual' });
    expect(sim.log.entries()).toHaveLength(0);
  });
});
