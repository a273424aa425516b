import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { connectionRequest } from '@/lib/background/connection-request';
import { backendFor } from '@/lib/background/connection-tickers';
import { type EntryInput, queueEntries } from '@/lib/background/enqueue';
import type { Connection } from '@/lib/connections/schema';
import { createConnectionStore } from '@/lib/connections/store';
import { SoraDb } from '@/lib/db/schema';
import { createTicker } from '@/lib/pipeline/tick';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { startTaskApiSim, startVideosApiSim, type TaskApiSim, type VideosApiSim } from '@/sim/backends';
import { createFakeDownloads } from '../helpers/fake-downloads';
import { simDeps, wait } from './helpers';

// Issue 13 through the real pipeline and queue: a Videos API and a task API connection, their
// simulators over HTTPS, the connection store and key ring on the fake browser's storage.

const KEYS = ['sk-sim-videos-1', 'sk-sim-videos-2'];
let videosSim: VideosApiSim | null = null;
let taskSim: TaskApiSim | null = null;
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  await videosSim?.close();
  await taskSim?.close();
  videosSim = taskSim = null;
});

async function setUp(sim: VideosApiSim | TaskApiSim, kind: Connection['kind'], keys: string[], cap: number) {
  const store = createConnectionStore();
  const added = await store.add({ kind, baseUrl: sim.baseUrl, keys: keys.join('\n'), concurrency: cap });
  if (!added.ok) throw new Error(JSON.stringify(added.errors));
  const connection = added.connection;
  const http = simDeps(sim);
  const db = new SoraDb(`conn-${crypto.randomUUID()}`);
  const downloads = createFakeDownloads();
  const backend = backendFor(connection, http, store);
  const ticker = createTicker({
    db,
    backend,
    downloads: downloads.port,
    settings: async () => ({ ...DEFAULT_SETTINGS, concurrency: 3 }),
    now: () => Date.now(),
    random: () => 0.5,
    publishAccount: async () => undefined,
    fetchThumbnail: async () => null,
    hasHostAccess: async () => true,
  });
  const enqueue = async (prompts: string[], params: Record<string, string> = {}) => {
    const entries = prompts.map((text) => {
      const made = connectionRequest(
        { text, model: kind === 'videos-api' ? 'sora-2' : '', params },
        connection,
      );
      if (!made.ok) throw new Error(made.message);
      const input: EntryInput = { text, model: made.request.model, backendId: connection.id };
      return { input, request: made.request, count: 1 };
    });
    return queueEntries(db, entries, { now: Date.now() });
  };
  /** Ticks every 200 ms (real time: the simulator renders in real time) until `done` or `ms`. */
  const runUntil = async (done: () => Promise<boolean>, ms = 20_000, onTick?: () => void) => {
    const end = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > end) throw new Error('timed out');
      await ticker.tick();
      onTick?.();
      downloads.complete();
      await wait(200);
    }
  };
  const statuses = async () => (await db.jobs.orderBy('seq').toArray()).map((j) => j.status);
  return { store, connection, db, downloads, enqueue, runUntil, statuses, http };
}

describe('a Videos API connection through the real pipeline', { timeout: 60_000 }, () => {
  it('6 jobs with two keys: at most the cap in flight, both keys used, 6 downloads with the key in a header', async () => {
    videosSim = await startVideosApiSim({ renderMs: 600, concurrencyPerKey: 5 });
    const h = await setUp(videosSim, 'videos-api', KEYS, 2);
    await h.enqueue(
      [1, 2, 3, 4, 5, 6].map((n) => `A lighthouse, take ${n}`),
      { size: '1280x720', seconds: '8' },
    );
    let most = 0;
    const inFlight = () =>
      videosSim!.videos().filter((v) => v.status === 'queued' || v.status === 'in_progress');
    await h.runUntil(
      async () => (await h.statuses()).every((s) => s === 'completed'),
      30_000,
      () => {
        most = Math.max(most, inFlight().length);
      },
    );
    expect(most).toBeLessThanOrEqual(2);
    const videos = videosSim.videos();
    expect(videos).toHaveLength(6);
    expect(new Set(videos.map((v) => v.key))).toEqual(new Set(KEYS));
    expect(videos.every((v) => v.size === '1280x720' && v.seconds === '8' && v.model === 'sora-2')).toBe(
      true,
    );
    // One download per job, from /content, the key in a header and in no URL.
    expect(h.downloads.items).toHaveLength(6);
    for (const item of h.downloads.items) {
      expect(item.url).toMatch(/\/v1\/videos\/[^/]+\/content\?variant=video$/);
      expect(KEYS.some((k) => item.url.includes(k))).toBe(false);
      expect(item.headers).toEqual([
        { name: 'authorization', value: expect.stringMatching(/^Bearer sk-sim-videos-[12]$/) },
      ]);
    }
    // Each file is requested with the key that made its video.
    for (const video of videos) {
      const item = h.downloads.items.find((i) => i.url.includes(video.id))!;
      expect(item.headers?.[0]?.value).toBe(`Bearer ${video.key}`);
    }
  });

  it('remix: a video made there is remixed by its id with the key that made it; a Sora link is refused before anything is sent', async () => {
    videosSim = await startVideosApiSim({ renderMs: 400, concurrencyPerKey: 5 });
    const h = await setUp(videosSim, 'videos-api', KEYS, 2);
    await h.enqueue(['A paper boat']);
    await h.runUntil(async () => (await h.statuses()).every((s) => s === 'completed'));
    const [first] = await h.db.jobs.toArray();
    const source = videosSim.videos().find((v) => v.id === first!.taskId)!;
    // What the gallery's Remix writes: the id, then how to change it.
    await h.enqueue([`${source.id} in watercolour`]);
    await h.runUntil(async () => (await h.statuses()).every((s) => s === 'completed'));
    const remixed = videosSim.videos().find((v) => v.remixedFrom === source.id);
    expect(remixed).toMatchObject({ prompt: 'in watercolour', key: source.key });
    const jobs = await h.db.jobs.orderBy('seq').toArray();
    expect(jobs[1]).toMatchObject({ taskId: remixed!.id, request: { remixTargetId: source.id } });
    expect(videosSim.log.count('POST', `${videosSim.settings.basePath}/videos/${source.id}/remix`)).toBe(1);
    expect(h.downloads.items).toHaveLength(2);
    // The server's `expires_at` is kept with the result, for the gallery's note.
    const kept = await h.db.results.get(first!.id);
    expect(kept!.mediaExpiresAt).toBeGreaterThan(Date.now());
    const sora = connectionRequest(
      { text: 'https://sora.chatgpt.com/p/s_0123456789abcdef0123456789abcdef again', model: 'sora-2' },
      h.connection,
    );
    expect(sora).toMatchObject({
      ok: false,
      code: 'bad_remix_id',
      message: expect.stringMatching(/Sora session/),
    });
    const two = connectionRequest(
      { text: `${source.id} video_abcd1234 merge`, model: 'sora-2' },
      h.connection,
    );
    expect(two).toMatchObject({ ok: false, code: 'multiple_remix_targets' });
    expect(connectionRequest({ text: source.id, model: 'sora-2' }, h.connection)).toMatchObject({
      ok: false,
      message: 'Say how to change the remixed video.',
    });
  });

  it('a lost create is found again in GET /videos: exactly one video per job', async () => {
    videosSim = await startVideosApiSim({ renderMs: 600, concurrencyPerKey: 5 });
    const h = await setUp(videosSim, 'videos-api', KEYS, 2);
    videosSim.faults.loseCreate(1);
    await h.enqueue(['A cat skydives', 'A dog surfs', 'A fox sleeps']);
    await h.runUntil(async () => (await h.statuses()).every((s) => s === 'completed'), 45_000);
    expect(videosSim.videos()).toHaveLength(3);
    expect(h.downloads.items).toHaveLength(3);
  });

  it('a failed generation fails only its job, with the reason; a refused key is set aside and the other goes on', async () => {
    videosSim = await startVideosApiSim({ renderMs: 400, concurrencyPerKey: 5 });
    const h = await setUp(videosSim, 'videos-api', KEYS, 2);
    videosSim.faults.revokeKey(KEYS[0]!);
    videosSim.faults.failNext(1);
    await h.enqueue(['First', 'Second', 'Third']);
    await h.runUntil(
      async () => (await h.statuses()).every((s) => s === 'completed' || s === 'failed'),
      30_000,
    );
    const jobs = await h.db.jobs.orderBy('seq').toArray();
    expect(jobs.filter((j) => j.status === 'failed')).toHaveLength(1);
    expect(jobs.find((j) => j.status === 'failed')!.error?.message.length).toBeGreaterThan(5);
    const stored = await h.store.get(h.connection.id);
    expect(stored!.keys[0]!.setAside).toMatchObject({ code: 'auth' });
    expect(stored!.keys[1]!.setAside).toBeNull();
    expect(videosSim.videos().every((v) => v.key === KEYS[1])).toBe(true);
  });

  it('every key refused: the jobs wait for a working key without a request storm', async () => {
    videosSim = await startVideosApiSim({ renderMs: 400 });
    const h = await setUp(videosSim, 'videos-api', KEYS, 2);
    for (const key of KEYS) videosSim.faults.revokeKey(key);
    await h.enqueue(['Waits for a key', 'Waits too']);
    await h.runUntil(async () => (await h.statuses()).every((s) => s === 'needs_auth'), 10_000);
    const before = videosSim.log.entries().length;
    await wait(3_000);
    for (let i = 0; i < 10; i++) await h.runUntil(async () => true);
    // Both keys were tried once each; waiting asks the key ring, not the server.
    expect(before).toBeLessThanOrEqual(2);
    expect(videosSim.log.entries().length).toBe(before);
  });
});

describe('image inputs on a connection', { timeout: 60_000 }, () => {
  it('Videos API: an attached image goes as multipart input_reference; a task API refuses a file and passes a link on', async () => {
    videosSim = await startVideosApiSim({ renderMs: 400, concurrencyPerKey: 5 });
    const h = await setUp(videosSim, 'videos-api', KEYS, 2);
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const image = { source: 'data' as const, url: png, mime: 'image/png', approxBytes: 68 };
    const made = connectionRequest(
      { text: 'Let this cat dance', model: 'sora-2', images: [image] },
      h.connection,
    );
    if (!made.ok) throw new Error(made.message);
    await queueEntries(
      h.db,
      [
        {
          input: { text: 'Let this cat dance', model: 'sora-2', backendId: h.connection.id },
          request: made.request,
          count: 1,
        },
      ],
      { now: Date.now() },
    );
    await h.runUntil(async () => (await h.statuses()).every((s) => s === 'completed'), 20_000);
    expect(videosSim.videos().map((v) => v.reference)).toEqual(['file']);

    taskSim = await startTaskApiSim({ renderMs: 300 });
    const t = await setUp(taskSim, 'task-api', [taskSim.settings.keys[0]!], 2);
    const refused = connectionRequest({ text: 'A file', model: '', images: [image] }, t.connection);
    expect(refused).toMatchObject({ ok: false, code: 'unsupported' });
    expect(refused.ok ? '' : refused.message).toMatch(/public image links/);
    const link = {
      source: 'url' as const,
      url: 'https://images.example/cat.png',
      mime: 'image/png',
      approxBytes: null,
    };
    const byLink = connectionRequest({ text: 'A link', model: '', images: [link] }, t.connection);
    if (!byLink.ok) throw new Error(byLink.message);
    await queueEntries(
      t.db,
      [
        {
          input: { text: 'A link', model: '', backendId: t.connection.id },
          request: byLink.request,
          count: 1,
        },
      ],
      { now: Date.now() },
    );
    await t.runUntil(async () => (await t.statuses()).every((s) => s === 'completed'), 20_000);
    expect(taskSim.tasks().map((x) => x.params.imageUrls)).toEqual([['https://images.example/cat.png']]);
  });
});

describe('the Videos API backend paces itself as the server asks', { timeout: 30_000 }, () => {
  it('openai-poll-after-ms: a video is asked again only after the hint; a 429 holds every poll for its Retry-After', async () => {
    videosSim = await startVideosApiSim({ renderMs: 5_000, pollAfterMs: 1_500, retryAfterSeconds: 2 });
    const h = await setUp(videosSim, 'videos-api', KEYS, 2);
    const backend = backendFor(h.connection, h.http, h.store);
    const made = await backend.create({
      prompt: 'Paced',
      model: 'sora-2',
      aspect: 'landscape',
      durationS: 4,
      quality: 'standard',
      styleId: null,
      remixTargetId: null,
      images: [],
    });
    if (made.kind !== 'created') throw new Error('not created');
    const retrieves = () =>
      videosSim!.log.entries().filter((e) => e.method === 'GET' && e.path.endsWith(made.taskId)).length;
    await backend.poll([made.taskId]);
    await backend.poll([made.taskId]);
    expect(retrieves()).toBe(1); // the second poll came before the 1.5 s hint
    await wait(1_600);
    videosSim.faults.rateLimited(1, 2, /\/videos\/[^/]+$/);
    await expect(backend.poll([made.taskId])).rejects.toMatchObject({ code: 'rate_limited' });
    const after429 = videosSim.log.entries().length;
    await expect(backend.poll([made.taskId])).rejects.toMatchObject({ code: 'rate_limited' });
    expect(videosSim.log.entries().length).toBe(after429); // held: no request inside Retry-After
    await wait(2_100);
    expect((await backend.poll([made.taskId])).tasks.get(made.taskId)?.state).toBe('running');
  });
});

describe('a task API connection through the real pipeline', { timeout: 60_000 }, () => {
  it('runs a batch to files on the CDN, and a lost create is never resent', async () => {
    taskSim = await startTaskApiSim({ renderMs: 500 });
    const h = await setUp(taskSim, 'task-api', [taskSim.settings.keys[0]!], 2);
    taskSim.faults.loseCreate(1);
    await h.enqueue(['One', 'Two', 'Three'], { aspectRatio: 'portrait', quality: 'hd', watermark: 'mine' });
    await h.runUntil(
      async () => (await h.statuses()).every((s) => s === 'completed' || s === 'failed'),
      40_000,
    );
    const jobs = await h.db.jobs.orderBy('seq').toArray();
    expect(jobs.filter((j) => j.status === 'completed')).toHaveLength(2);
    const lost = jobs.find((j) => j.status === 'failed')!;
    expect(lost.error?.code).toBe('lost_create');
    // The lost one made a task, and nothing was sent again for it.
    expect(taskSim.tasks()).toHaveLength(3);
    expect(h.downloads.items).toHaveLength(2);
  });
});
