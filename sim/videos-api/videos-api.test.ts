import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimFetch, type SimFetch } from '../client';
import { startVideosApiSim } from './server';
import type { VideosApiSim } from './types';

let sim: VideosApiSim;
let f: SimFetch;
const KEY = 'sk-sim-videos-1';
const auth = { authorization: `Bearer ${KEY}` };
beforeEach(async () => {
  sim = await startVideosApiSim({ renderMs: 300, concurrencyPerKey: 2, mediaBytes: 4096 });
  f = createSimFetch(sim);
});
afterEach(() => sim.close());

const post = (path: string, body: unknown, headers: Record<string, string> = auth) =>
  f(`${sim.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const get = (path: string, headers: Record<string, string> = auth) => f(`${sim.baseUrl}${path}`, { headers });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Videos API simulator (docs/backend-facts.md §11.1)', () => {
  it('create → queued/in_progress → completed, with openai-poll-after-ms and the content bytes', async () => {
    const res = await post('/videos', { prompt: 'a fox', model: 'sora-2', seconds: '8', size: '1280x720' });
    expect(res.status).toBe(200);
    expect(res.headers.get('openai-poll-after-ms')).toBe('1000');
    const v = (await res.json()) as { id: string; status: string; seconds: string; object: string };
    expect(v).toMatchObject({ object: 'video', status: 'queued', seconds: '8', size: '1280x720' });
    expect((await (await get(`/videos/${v.id}/content`)).json()) as object).toMatchObject({
      error: { code: 'video_not_ready' },
    });
    await wait(350);
    const done = (await (await get(`/videos/${v.id}`)).json()) as { status: string; progress: number };
    expect(done).toMatchObject({ status: 'completed', progress: 100 });
    const bytes = Buffer.from(await (await get(`/videos/${v.id}/content`)).arrayBuffer());
    expect(bytes.equals(sim.videoBytes(v.id))).toBe(true);
  });

  it('content needs the key (Bearer or Azure api-key); a wrong key is 401 invalid_api_key', async () => {
    const v = (await (await post('/videos', { prompt: 'x' })).json()) as { id: string };
    await wait(350);
    expect((await get(`/videos/${v.id}/content`, {})).status).toBe(401);
    expect((await get(`/videos/${v.id}/content`, { 'api-key': KEY })).status).toBe(200);
    const wrong = await get('/models', { authorization: 'Bearer sk-nope' });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('multipart create with an input_reference image; a non-image is refused with the param', async () => {
    const form = new FormData();
    form.set('prompt', 'animate this');
    form.set('input_reference', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'a.png');
    const ok = await f(`${sim.baseUrl}/videos`, { method: 'POST', headers: auth, body: form });
    expect(ok.status).toBe(200);
    expect(sim.videos()[0]?.reference).toBe('file');
    const bad = new FormData();
    bad.set('prompt', 'x');
    bad.set('input_reference', new Blob(['text'], { type: 'text/plain' }), 'a.txt');
    const res = await f(`${sim.baseUrl}/videos`, { method: 'POST', headers: auth, body: bad });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: 'input_reference' } });
  });

  it('a third job on one key answers 429 with Retry-After; another key still creates', async () => {
    await post('/videos', { prompt: 'a' });
    await post('/videos', { prompt: 'b' });
    const third = await post('/videos', { prompt: 'c' });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('2');
    expect((await post('/videos', { prompt: 'c' }, { authorization: 'Bearer sk-sim-videos-2' })).status).toBe(
      200,
    );
  });

  it('lists newest first with after/limit cursor paging that new jobs do not shift', async () => {
    sim.set({ concurrencyPerKey: 10 });
    const ids: string[] = [];
    for (const p of ['1', '2', '3', '4', '5'])
      ids.push(((await (await post('/videos', { prompt: p })).json()) as { id: string }).id);
    const page1 = (await (await get('/videos?limit=2')).json()) as {
      data: { id: string }[];
      has_more: boolean;
      last_id: string;
    };
    expect(page1.data.map((v) => v.id)).toEqual([ids[4], ids[3]]);
    expect(page1.has_more).toBe(true);
    await post('/videos', { prompt: '6' });
    const page2 = (await (await get(`/videos?limit=2&after=${page1.last_id}`)).json()) as {
      data: { id: string }[];
    };
    expect(page2.data.map((v) => v.id)).toEqual([ids[2], ids[1]]);
    const asc = (await (await get('/videos?order=asc&limit=1')).json()) as { data: { id: string }[] };
    expect(asc.data[0]?.id).toBe(ids[0]);
  });

  it('remix needs a completed source and records remixed_from_video_id', async () => {
    const v = (await (await post('/videos', { prompt: 'x' })).json()) as { id: string };
    expect((await post(`/videos/${v.id}/remix`, { prompt: 'y' })).status).toBe(400);
    await wait(350);
    const r = (await (await post(`/videos/${v.id}/remix`, { prompt: 'y' })).json()) as Record<
      string,
      unknown
    >;
    expect(r).toMatchObject({ remixed_from_video_id: v.id, prompt: 'y' });
  });

  it('faults: lost create still renders, failed generation, out of credits, expired media, no model list', async () => {
    sim.faults.loseCreate();
    await expect(post('/videos', { prompt: 'lost' }).then((r) => r.json())).rejects.toThrow();
    expect(sim.videos().map((v) => v.prompt)).toEqual(['lost']);
    sim.faults.failNext();
    const failed = (await (
      await post('/videos', { prompt: 'f' }, { authorization: 'Bearer sk-sim-videos-2' })
    ).json()) as { id: string };
    await wait(350);
    expect(await (await get(`/videos/${failed.id}`)).json()).toMatchObject({
      status: 'failed',
      error: { code: 'video_generation_failed' },
    });
    sim.faults.outOfCredits(KEY);
    expect(await (await post('/videos', { prompt: 'z' })).json()).toMatchObject({
      error: { code: 'insufficient_quota' },
    });
    sim.faults.expireMedia();
    const lost = sim.videos()[0]?.id ?? '';
    expect(await (await get(`/videos/${lost}/content`)).json()).toMatchObject({
      error: { code: 'video_expired' },
    });
    sim.set({ listModels: false });
    expect((await get('/models')).status).toBe(404);
  });

  it('control API: settings, log and faults over HTTP; Azure base path', async () => {
    const c = (path: string, init?: RequestInit) => f(`https://videos-api.sim.test/__sim/${path}`, init);
    const set = await c('settings', {
      method: 'POST',
      body: JSON.stringify({ basePath: '/openai/v1', authHeader: 'api-key' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(set.status).toBe(200);
    expect(sim.baseUrl).toBe('https://videos-api.sim.test/openai/v1');
    expect((await get('/models')).status).toBe(401); // Bearer is not Azure's header
    expect((await get('/models', { 'api-key': KEY })).status).toBe(200);
    expect(
      (
        await c('settings', {
          method: 'POST',
          body: '{"renderMs":-1}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(400);
    const log = (await (await c('log')).json()) as { path: string }[];
    expect(log.map((e) => e.path)).toEqual(['/openai/v1/models', '/openai/v1/models']);
  });
});

describe('Videos API simulator: an account to back up', () => {
  type Page = {
    data: { id: string; status: string }[];
    has_more: boolean;
    last_id: string | null;
    first_id: string | null;
  };
  const page = async (query: string): Promise<Page> => (await (await get(`/videos?${query}`)).json()) as Page;

  it('seeds finished videos that GET /videos pages newest first with limit/after/has_more/last_id', async () => {
    const seeded = sim.seedVideos(45);
    expect(sim.videos()).toHaveLength(45);
    const seen: string[] = [];
    let after = '';
    for (let n = 0; n < 10; n++) {
      const p = await page(`order=desc&limit=20${after ? `&after=${after}` : ''}`);
      seen.push(...p.data.map((v) => v.id));
      expect(p.last_id).toBe(p.data.at(-1)?.id ?? null);
      expect(p.data.every((v) => v.status === 'completed')).toBe(true);
      if (!p.has_more) break;
      after = p.last_id!;
    }
    expect(seen).toEqual(seeded.map((v) => v.id).reverse());
    const bytes = Buffer.from(await (await get(`/videos/${seeded[0]!.id}/content`)).arrayBuffer());
    expect(bytes.equals(sim.videoBytes(seeded[0]!.id))).toBe(true);
  });

  it('a deleted video is gone from the list, retrieve and content, and a cursor naming it still pages on', async () => {
    const [a, b, c] = sim.seedVideos(3); // listed c, b, a
    const first = await page('limit=2');
    expect(first.data.map((v) => v.id)).toEqual([c!.id, b!.id]);
    expect(sim.deleteVideo(b!.id)).toBe(true);
    expect((await page(`limit=2&after=${b!.id}`)).data.map((v) => v.id)).toEqual([a!.id]);
    expect((await page('limit=5')).data.map((v) => v.id)).toEqual([c!.id, a!.id]);
    expect((await get(`/videos/${b!.id}`)).status).toBe(404);
    expect((await get(`/videos/${b!.id}/content`)).status).toBe(404);
    const del = await f(`${sim.baseUrl}/videos/${a!.id}`, { method: 'DELETE', headers: auth });
    expect(await del.json()).toEqual({ id: a!.id, object: 'video.deleted', deleted: true });
    expect((await f(`${sim.baseUrl}/videos/${a!.id}`, { method: 'DELETE', headers: auth })).status).toBe(404);
    expect(sim.videos().map((v) => v.id)).toEqual([c!.id]);
  });

  it('answers 429 with Retry-After on the list and on content when told, then serves them', async () => {
    const [v] = sim.seedVideos(1);
    sim.faults.rateLimited(1, 3, /\/videos$/);
    sim.faults.rateLimited(1, 4, /\/content$/);
    const list = await get('/videos?limit=5');
    expect([list.status, list.headers.get('retry-after')]).toEqual([429, '3']);
    const content = await get(`/videos/${v!.id}/content`);
    expect([content.status, content.headers.get('retry-after')]).toEqual([429, '4']);
    expect((await page('limit=5')).data).toHaveLength(1);
    expect((await get(`/videos/${v!.id}/content`)).status).toBe(200);
  });

  it('seedVideos as a start option and over the control API', async () => {
    const seeded = await startVideosApiSim({ seedVideos: 7 });
    try {
      expect(seeded.videos()).toHaveLength(7);
      const g = createSimFetch(seeded);
      const res = await g(`https://${seeded.hosts[0]}/__sim/seed-videos`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ count: 3 }),
      });
      expect(res.status).toBe(200);
      expect(seeded.videos()).toHaveLength(10);
    } finally {
      await seeded.close();
    }
  });
});
