import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVideosApiClient, type VideosApiClient } from '@/lib/backends/videos-api/client';
import { startVideosApiSim, type VideosApiSim } from '@/sim/backends';
import { rejection, simDeps, until, wait } from './helpers';

let sim: VideosApiSim;
let deps: ReturnType<typeof simDeps>;
let client: VideosApiClient;
const KEY = 'sk-sim-videos-1';
beforeEach(async () => {
  sim = await startVideosApiSim({
    renderMs: 300,
    mediaBytes: 8192,
    concurrencyPerKey: 2,
    retryAfterSeconds: 7,
  });
  deps = simDeps(sim);
  client = createVideosApiClient({ ...deps, baseUrl: sim.baseUrl, authHeader: 'bearer', apiKey: () => KEY });
});
afterEach(() => sim.close());

const created = async (p: ReturnType<VideosApiClient['create']>) => {
  const out = await p;
  if (out.kind !== 'created') throw new Error(`expected created, got ${out.kind}`);
  return out.value;
};

describe('Videos API client against the simulator', () => {
  it('create → poll to completed (with the poll hint) → the file is byte-identical', async () => {
    const { video, pollAfterMs } = await created(
      client.create({ prompt: 'a fox', model: 'sora-2', seconds: '8', size: '1280x720' }),
    );
    expect(pollAfterMs).toBe(1000);
    expect(video).toMatchObject({ status: 'queued', model: 'sora-2', seconds: '8' });
    const done = await until(
      () => client.retrieve(video.id),
      (a) => a.video.status === 'completed',
    );
    expect(done.video.progress).toBe(100);
    expect(Buffer.from(await client.content(video.id)).equals(sim.videoBytes(video.id))).toBe(true);
  });

  it('the content request for chrome.downloads carries the key in a header, never in the URL', async () => {
    const req = await client.contentRequest('video_abc');
    expect(req.url).toBe(`${sim.baseUrl}/videos/video_abc/content?variant=video`);
    expect(req.url).not.toContain(KEY);
    expect(req.headers).toEqual([{ name: 'authorization', value: `Bearer ${KEY}` }]);
    const azure = createVideosApiClient({
      ...deps,
      baseUrl: sim.baseUrl,
      authHeader: 'api-key',
      apiKey: () => KEY,
    });
    expect((await azure.contentRequest('v')).headers).toEqual([{ name: 'api-key', value: KEY }]);
  });

  it('Azure: api-key header and the /openai/v1 base path', async () => {
    sim.set({ basePath: '/openai/v1', authHeader: 'api-key' });
    const azure = createVideosApiClient({
      ...deps,
      baseUrl: 'https://azure-videos.sim.test/openai/v1/',
      authHeader: 'api-key',
      apiKey: () => KEY,
    });
    expect(await azure.models()).toEqual(['sora-2', 'sora-2-pro']);
    const bearer = createVideosApiClient({
      ...deps,
      baseUrl: sim.baseUrl,
      authHeader: 'bearer',
      apiKey: () => KEY,
    });
    expect((await rejection(bearer.models())).code).toBe('auth'); // Bearer on a server that wants api-key
  });

  it('an image goes as multipart input_reference; a URL as JSON {image_url}', async () => {
    const blob = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
    await created(
      client.create({
        prompt: 'animate',
        model: 'sora-2',
        inputReference: { kind: 'file', blob, name: 'cat.png' },
      }),
    );
    await created(
      client.create({
        prompt: 'animate',
        model: 'sora-2',
        inputReference: { kind: 'url', url: 'https://img.example/cat.png' },
      }),
    );
    expect(sim.videos().map((v) => v.reference)).toEqual(['file', 'image_url']);
    const [multipart, json] = sim.log.filter({ method: 'POST', path: '/v1/videos' });
    expect(multipart?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(json?.body).toMatchObject({ input_reference: { image_url: 'https://img.example/cat.png' } });
  });

  it('remix a completed video; models listed or null when the server lists none', async () => {
    const { video } = await created(client.create({ prompt: 'x', model: 'sora-2-pro' }));
    await until(
      () => client.retrieve(video.id),
      (a) => a.video.status === 'completed',
    );
    const remix = await client.remix(video.id, 'in ink');
    expect(remix.kind === 'created' && remix.value.video).toMatchObject({
      remixed_from_video_id: video.id,
      model: 'sora-2-pro',
    });
    sim.set({ listModels: false });
    expect(await client.models()).toBeNull();
  });

  it('errors: bad key → auth, out of credits → quota_exhausted, cap → rate_limited with Retry-After, 5xx → retryable', async () => {
    const bad = createVideosApiClient({
      ...deps,
      baseUrl: sim.baseUrl,
      authHeader: 'bearer',
      apiKey: () => 'sk-wrong-key-123',
    });
    expect(await rejection(bad.create({ prompt: 'x', model: 'sora-2' }))).toMatchObject({
      code: 'auth',
      status: 401,
    });
    await created(client.create({ prompt: 'a', model: 'sora-2' }));
    await created(client.create({ prompt: 'b', model: 'sora-2' }));
    expect(await rejection(client.create({ prompt: 'c', model: 'sora-2' }))).toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 7000,
    });
    sim.faults.outOfCredits(KEY);
    expect(await rejection(client.create({ prompt: 'c', model: 'sora-2' }))).toMatchObject({
      code: 'quota_exhausted',
    });
    sim.faults.serverErrors(/^\/v1\/videos\//, 1, 503);
    expect(await rejection(client.retrieve('video_x'))).toMatchObject({
      code: 'fatal',
      retryable: true,
      status: 503,
    });
    sim.faults.refill(KEY);
    expect(await rejection(client.create({ prompt: 'c', model: 'unknown-model' }))).toMatchObject({
      code: 'bad_request',
    });
  });

  it('a failed generation is a failed Video with its error; content too early is not_ready, expired is fatal', async () => {
    sim.faults.failNext();
    const { video } = await created(client.create({ prompt: 'doomed', model: 'sora-2' }));
    expect(await rejection(client.content(video.id))).toMatchObject({ code: 'not_ready' });
    const failed = await until(
      () => client.retrieve(video.id),
      (a) => a.video.status !== 'queued' && a.video.status !== 'in_progress',
    );
    expect(failed.video).toMatchObject({ status: 'failed', error: { code: 'video_generation_failed' } });
    const ok = await created(client.create({ prompt: 'fine', model: 'sora-2' }));
    await until(
      () => client.retrieve(ok.video.id),
      (a) => a.video.status === 'completed',
    );
    sim.faults.expireMedia();
    expect(await rejection(client.content(ok.video.id))).toMatchObject({
      code: 'fatal',
      message: expect.stringMatching(/expired/),
    });
  });

  it('a lost create is uncertain, and found again in GET /videos — never created twice', async () => {
    sim.faults.loseCreate();
    const since = Date.now();
    const out = await client.create({ prompt: 'lost fox', model: 'sora-2' });
    expect(out.kind).toBe('uncertain');
    const found = await client.findLostCreate({ prompt: 'lost fox', model: 'sora-2', since });
    expect(found).toEqual({ kind: 'found', video: expect.objectContaining({ id: sim.videos()[0]?.id }) });
    expect(sim.log.count('POST', '/v1/videos')).toBe(1);
    // A second job with the same prompt must not claim the first one's video.
    const again = await client.findLostCreate({
      prompt: 'lost fox',
      model: 'sora-2',
      since,
      exclude: new Set([sim.videos()[0]?.id ?? '']),
    });
    expect(again).toEqual({ kind: 'none' });
  });

  it('findLostCreate pages newest first and stops at videos older than the request', async () => {
    sim.set({ concurrencyPerKey: 100, renderMs: 60_000 });
    for (let i = 0; i < 25; i++)
      await created(client.create({ prompt: i === 0 ? 'target' : `other ${i}`, model: 'sora-2' }));
    const found = await client.findLostCreate({
      prompt: 'target',
      model: 'sora-2',
      since: Date.now() - 30_000,
    });
    expect(found.kind).toBe('found');
    expect(sim.log.count('GET', '/v1/videos')).toBe(2); // 25 videos: two pages of 20
    const none = await client.findLostCreate({
      prompt: 'target',
      model: 'sora-2',
      since: Date.now() + 10 * 60_000,
    });
    expect(none).toEqual({ kind: 'none' });
    expect(sim.log.count('GET', '/v1/videos')).toBe(3); // the first page is already older: one read
  });

  it('a server that never answers is cut at the timeout, and a create is then uncertain', async () => {
    const quick = createVideosApiClient({
      ...simDeps(sim, 400),
      baseUrl: sim.baseUrl,
      authHeader: 'bearer',
      apiKey: () => KEY,
    });
    sim.faults.inject({ method: 'POST', path: '/v1/videos', action: { kind: 'hang' } });
    const started = Date.now();
    const out = await quick.create({ prompt: 'hung', model: 'sora-2' });
    expect(out.kind).toBe('uncertain');
    expect(Date.now() - started).toBeLessThan(3_000);
    sim.faults.slowPoll(100);
    await expect(quick.models()).resolves.toBeTruthy(); // a slow answer inside the deadline is fine
  });

  it('the request log is masked and carries no key', async () => {
    await created(client.create({ prompt: 'a', model: 'sora-2' }));
    await client.list({ limit: 5, after: undefined });
    await rejection(client.retrieve('video_nope'));
    expect(deps.entries.map((e) => `${e.method} ${e.url} ${e.status} ${e.errorCode}`)).toEqual([
      `POST ${sim.baseUrl}/videos 200 null`,
      `GET ${sim.baseUrl}/videos?order=desc&limit=5 200 null`,
      `GET ${sim.baseUrl}/videos/video_nope 404 fatal`,
    ]);
    expect(JSON.stringify(deps.entries)).not.toContain(KEY);
    await wait(0);
  });
});
