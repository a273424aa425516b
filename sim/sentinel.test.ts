import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimFetch } from './client';
import { sentinelToken, signInClient } from './helpers';
import { startSim } from './server';
import { videoBody } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

const SDK = 'https://chatgpt.com/backend-api/sentinel/sdk.js';
const REQ = 'https://chatgpt.com/backend-api/sentinel/req';

describe('sentinel SDK and sentinel/req (docs/backend-facts.md §3)', () => {
  it('serves sdk.js, or 404 when sentinelSdk is missing', async () => {
    const f = createSimFetch(sim);
    const ok = await f(SDK);
    expect(ok.headers.get('content-type')).toContain('javascript');
    expect(await ok.text()).toContain('window.SentinelSDK');
    sim.set({ sentinelSdk: 'missing' });
    expect((await f(SDK)).status).toBe(404);
  });

  it('the SDK, run like a page script, returns the docs/backend-facts.md §3.2 JSON string using oai-did and the flow', async () => {
    const c = await signInClient(sim);
    const code = await (await c.f(SDK)).text();
    const window: Record<string, unknown> = {};
    const pageFetch = (url: string, init: RequestInit) => {
      expect(init.credentials).toBe('include');
      expect(new Headers(init.headers).get('content-type')).toContain('text/plain');
      return c.f(url, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), origin: 'https://sora.chatgpt.com' },
      });
    };
    runInNewContext(code, {
      window,
      document: { cookie: `foo=1; oai-did=${c.deviceId}; bar=2` },
      screen: { width: 1920, height: 1080 },
      navigator: { userAgent: 'test', language: 'en-US', languages: ['en-US'] },
      performance,
      crypto,
      fetch: pageFetch,
      btoa,
      TextEncoder,
      Date,
      JSON,
      String,
      Math,
      RegExp,
    });
    const sdk = window.SentinelSDK as {
      init(f: string): Promise<void>;
      token(f: string, d?: string): Promise<string>;
    };
    await sdk.init('sora_init');
    const tok = JSON.parse(await sdk.token('sora_2_create_task')) as Record<string, string>;
    expect(Object.keys(tok)).toEqual(['p', 't', 'c', 'id', 'flow']);
    expect(tok.p).toMatch(/^gAAAAAB.+~S$/);
    expect(tok.id).toBe(c.deviceId);
    expect(tok.flow).toBe('sora_2_create_task');
    expect(JSON.parse(await sdk.token('sora_2_create_task', 'explicit-id')).id).toBe('explicit-id');
    // The token it built is accepted by a create.
    const res = await c.f('https://sora.chatgpt.com/backend/nf/create', {
      method: 'POST',
      headers: {
        ...c.auth(),
        'content-type': 'application/json',
        'openai-sentinel-token': JSON.stringify(tok),
        'oai-device-id': c.deviceId,
      },
      body: JSON.stringify(videoBody()),
    });
    expect(res.status).toBe(200);
  });

  it('sentinel/req answers CORS with credentials for the sora origin, and the preflight', async () => {
    const f = createSimFetch(sim);
    const res = await f(REQ, {
      method: 'POST',
      headers: { origin: 'https://sora.chatgpt.com', 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({ p: 'gAAAAAC', id: 'x', flow: 'sora_2_create_task' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://sora.chatgpt.com');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ proofofwork: { required: false }, turnstile: { required: false } });
    expect(typeof body.token).toBe('string');
    const pre = await f(REQ, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://sora.chatgpt.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://sora.chatgpt.com');
    const foreign = await f(REQ, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
      body: '{"p":"x","flow":"f"}',
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('sentinel validation on writes (docs/backend-facts.md §3.1)', () => {
  const post = async (c: Awaited<ReturnType<typeof signInClient>>, headers: Record<string, string>) => {
    const res = await c.f('https://sora.chatgpt.com/backend/nf/create', {
      method: 'POST',
      headers: { ...c.auth(), 'content-type': 'application/json', ...headers },
      body: JSON.stringify(videoBody()),
    });
    return {
      status: res.status,
      body: (await res.json()) as { error?: { code: string; message: string } },
      reason: res.headers.get('x-sim-reason'),
    };
  };

  it.each([
    ['missing', async () => ({})],
    ['not JSON', async () => ({ 'openai-sentinel-token': 'garbage' })],
    [
      'unknown c',
      async (c: Awaited<ReturnType<typeof signInClient>>) => ({
        'openai-sentinel-token': JSON.stringify({
          p: 'gAAAAAB~S',
          t: '',
          c: 'gAAAAABforged',
          id: c.deviceId,
          flow: 'sora_2_create_task',
        }),
      }),
    ],
    [
      'wrong flow',
      async (c: Awaited<ReturnType<typeof signInClient>>) => ({
        'openai-sentinel-token': await sentinelToken(c.f, c.deviceId, 'sora_2_create_post'),
      }),
    ],
    [
      'device-id mismatch',
      async (c: Awaited<ReturnType<typeof signInClient>>) => ({
        'openai-sentinel-token': await sentinelToken(c.f, c.deviceId),
        'oai-device-id': 'another-device',
      }),
    ],
  ])('rejects a %s token with 400 sentinel_block and creates nothing', async (_name, headersFor) => {
    const c = await signInClient(sim);
    const r = await post(c, await headersFor(c));
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('sentinel_block');
    expect(r.body.error?.message).toMatch(/^Hmmm something didn't look right/);
    expect(sim.tasks()).toHaveLength(0);
  });

  it('accepts both create flows, with or without oai-device-id', async () => {
    const c = await signInClient(sim);
    expect(
      (
        await post(c, {
          'openai-sentinel-token': await sentinelToken(c.f, c.deviceId, 'sora_2_create_task__auto'),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await post(c, {
          'openai-sentinel-token': await sentinelToken(c.f, c.deviceId),
          'oai-device-id': c.deviceId,
        })
      ).status,
    ).toBe(200);
  });

  it('rejects a token whose c is older than sentinelTtlMs', async () => {
    sim.set({ sentinelTtlMs: 100 });
    const c = await signInClient(sim);
    const tok = await sentinelToken(c.f, c.deviceId);
    await new Promise((r) => setTimeout(r, 150));
    const r = await post(c, { 'openai-sentinel-token': tok });
    expect(r.status).toBe(400);
    expect(r.reason).toContain('expired');
  });

  it('protects storyboard and video_gen too', async () => {
    const c = await signInClient(sim);
    for (const path of ['/backend/nf/create/storyboard', '/backend/video_gen']) {
      const res = await c.f(`https://sora.chatgpt.com${path}`, {
        method: 'POST',
        headers: c.auth(),
        body: '{}',
      });
      expect(res.status).toBe(400);
    }
  });
});
