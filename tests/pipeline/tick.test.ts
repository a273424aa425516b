import { describe, expect, it } from 'vitest';
import { addJobs } from '@/lib/db/jobs';
import type { SoraDb } from '@/lib/db/schema';
import { RECONCILE_WINDOW_MS } from '@/lib/pipeline/poll';
import { LEASE_MS } from '@/lib/pipeline/submit';
import { SIGNED_OUT_CHECK_MS } from '@/lib/pipeline/tick';
import type { Settings } from '@/lib/settings/settings';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

let db: SoraDb;
let now: number;
let h: ReturnType<typeof createPipelineHarness>;

function setup(settings: Partial<Settings> = {}, renderMs = 10_000) {
  h = createPipelineHarness(settings, renderMs);
  db = h.db;
  now = h.clock.now;
  return h;
}

async function queue(count: number, prompt = (i: number) => `Prompt number ${i}`): Promise<void> {
  await addJobs(
    db,
    Array.from({ length: count }, (_, i) => makeJob({ seq: i + 1, createdAt: h.clock.now }, prompt(i + 1))),
  );
}

const statuses = (): Promise<string[]> => h.statuses();

/** Advances the clock and ticks, completing downloads as the browser would. */
async function run(t: ReturnType<typeof setup>, ms: number, step = 1_000): Promise<void> {
  await t.run(ms, step);
  now = t.clock.now;
}

describe('the pipeline', () => {
  it('takes a job from queued to a completed download, with one create and one download', async () => {
    const t = setup();
    await queue(1);
    await run(t, 20_000); // 10 s render + the 4 s draft lag + the download
    expect(await statuses()).toEqual(['completed']);
    expect(t.creates).toHaveLength(1);
    expect(t.downloads.items).toHaveLength(1);
    expect(t.downloads.items[0]!.filename).toMatch(
      /^\/downloads\/Sora Companion\/.*prompt-number-1_.*\.mp4$/,
    );
    const job = (await db.jobs.toArray())[0]!;
    expect(job).toMatchObject({ taskId: 'task_1', generationId: 'gen_task_1', progress: 100 });
    expect(JSON.stringify(job)).not.toContain('videos.openai.com'); // signed links are never stored
  });

  it('never has more generating than the cap, counting tasks started elsewhere', async () => {
    const t = setup({ concurrency: 3 });
    t.state.external = 1;
    await queue(6);
    h.clock.now += 1_000;
    await t.ticker.tick();
    expect((await statuses()).filter((s) => s === 'generating')).toHaveLength(2);
    await run(t, 60_000);
    expect(await statuses()).toEqual(Array(6).fill('completed'));
    expect(t.creates).toHaveLength(6); // no refused creates: the cap was respected, not discovered
  });

  it('uses one pending poll per tick whatever the number of running jobs', async () => {
    const t = setup();
    await queue(3);
    await run(t, 1_000);
    const before = t.state.polls;
    await run(t, 5_000);
    expect(t.state.polls - before).toBe(5);
  });

  it('reconciles a lost create response instead of repeating it', async () => {
    const t = setup();
    await queue(2);
    t.state.nextCreate = 'lost';
    h.clock.now += 1_000;
    await t.ticker.tick();
    expect(await statuses()).toEqual(['reconciling', 'queued']); // the tick stops at an uncertain create
    await run(t, 30_000);
    expect(await statuses()).toEqual(['completed', 'completed']);
    expect(t.tasks).toHaveLength(2);
  });

  it('treats an uncertain create that never shows up as not created, after the window', async () => {
    const t = setup();
    await queue(1);
    t.state.nextCreate = 'network';
    h.clock.now += 1_000;
    await t.ticker.tick();
    expect(await statuses()).toEqual(['reconciling']);
    await run(t, RECONCILE_WINDOW_MS + 2_000);
    expect(t.tasks).toHaveLength(1);
    await run(t, 20_000);
    expect(await statuses()).toEqual(['completed']);
  });

  it('holds every unfinished job while signed out, checking the session at most every 10 s', async () => {
    const t = setup();
    await queue(2);
    await run(t, 2_000);
    t.state.signedIn = false;
    await run(t, 1_000);
    expect(await statuses()).toEqual(['needs_auth', 'needs_auth']);
    expect(t.account.at(-1)?.state).toBe('signed-out');
    const polls = t.state.polls;
    const checks = t.state.sessionChecks;
    await run(t, 30_000);
    expect(t.state.polls).toBe(polls); // no backend traffic but session checks
    expect(t.state.sessionChecks - checks).toBeLessThanOrEqual(30_000 / SIGNED_OUT_CHECK_MS);
    t.state.signedIn = true;
    await run(t, 40_000);
    expect(await statuses()).toEqual(['completed', 'completed']);
    expect(t.tasks).toHaveLength(2);
  });

  it('waits for the daily limit to reset, then continues', async () => {
    const t = setup();
    t.state.dailyLimitUntil = now + 20_000;
    await queue(2);
    await run(t, 1_000);
    expect(await statuses()).toEqual(['waiting_limit', 'waiting_limit']);
    await run(t, 10_000);
    expect(await statuses()).toEqual(['waiting_limit', 'waiting_limit']);
    await run(t, 40_000);
    expect(await statuses()).toEqual(['completed', 'completed']);
  });

  it('fails only the job the content policy refused', async () => {
    const t = setup();
    t.state.policyPattern = 'forbidden';
    await queue(2, (i) => (i === 1 ? 'A forbidden thing' : 'A harmless thing'));
    await run(t, 20_000);
    expect(await statuses()).toEqual(['failed', 'completed']);
    expect((await db.jobs.orderBy('seq').first())!.error).toEqual({
      code: 'content_policy',
      message: 'Blocked by policy',
    });
  });

  it('adopts the download a crash left behind instead of starting a second one', async () => {
    const t = setup();
    const job = makeJob({ status: 'ready', taskId: 'task_9', generationId: 'gen_9', createdAt: now });
    await addJobs(db, [job]);
    const fileName = `Sora Companion/2026-01-01_x_${job.id.slice(0, 8)}.mp4`;
    await db.jobs.update(job.id, { download: { fileName, downloadId: null } });
    // The worker died right after downloads.download() returned: the browser has the item, we lack its id.
    await t.downloads.port.download({ url: 'https://videos.openai.com/x', filename: fileName });
    await run(t, 2_000);
    expect(await statuses()).toEqual(['completed']);
    expect(t.downloads.items).toHaveLength(1);
  });

  it('retries a temporary create failure after a backoff delay', async () => {
    const { SoraError } = await import('@/lib/sora/errors');
    const t = setup();
    await queue(1);
    t.state.nextCreate = new SoraError({
      code: 'retryable',
      message: 'Sora had a temporary problem (HTTP 502); retrying.',
      status: 502,
    });
    await run(t, 1_000);
    const job = (await db.jobs.toArray())[0]!;
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(job.nextRunAt).toBeGreaterThan(now);
    await run(t, 30_000);
    expect(await statuses()).toEqual(['completed']);
  });

  it('records the result (ids, file, expiry — never the signed link) and a sidecar when asked', async () => {
    const t = setup({ sidecar: true });
    await queue(1);
    await run(t, 20_000); // 10 s render + the 4 s draft lag + the download
    const [result] = await db.results.toArray();
    expect(result).toMatchObject({
      kind: 'video',
      taskId: 'task_1',
      generationId: 'gen_task_1',
      downloadId: 1,
    });
    expect(result!.fileName).toMatch(/\.mp4$/);
    expect(JSON.stringify(result)).not.toContain('sig=');
    const sidecar = t.downloads.items.find((i) => i.filename.endsWith('.json'))!;
    expect(sidecar.filename).toBe(`/downloads/${result!.fileName!.replace(/\.mp4$/, '.json')}`);
    const json = JSON.parse(atob(sidecar.url.split(',')[1]!)) as Record<string, unknown>;
    expect(json).toMatchObject({ prompt: 'Prompt number 1', taskId: 'task_1', generationId: 'gen_task_1' });
    expect(sidecar.url).not.toContain('videos.openai.com');
  });

  it('a sidecar the browser refuses ("shutting down") keeps the job downloading until it is written; the video is never fetched twice', async () => {
    const t = setup({ sidecar: true });
    const real = t.downloads.port.download;
    let refused = 0;
    t.downloads.port.download = async (options) => {
      if (options.filename.endsWith('.json') && refused < 2) {
        refused++;
        throw new Error('The browser is shutting down.');
      }
      return real(options);
    };
    await queue(1);
    await run(t, 24_000);
    expect(refused).toBe(2);
    expect(await statuses()).toEqual(['completed']);
    expect(t.downloads.items.filter((i) => i.filename.endsWith('.mp4'))).toHaveLength(1);
    expect(t.downloads.items.filter((i) => i.filename.endsWith('.json'))).toHaveLength(1);
  });

  it('a create the browser refuses while it closes keeps its claim, spends no attempt, and is made once after the lease', async () => {
    const t = setup();
    const real = t.boundary.create;
    let refused = 0;
    t.boundary.create = async (...args) => {
      if (refused++ === 0) throw new Error('The browser is shutting down.');
      return real(...args);
    };
    await queue(1);
    h.clock.now += 1_000;
    await expect(t.ticker.tick()).rejects.toThrow(/shutting down/);
    const held = (await db.jobs.toArray())[0]!;
    expect(held).toMatchObject({ status: 'submitting', attempts: 0, error: null });
    await run(t, LEASE_MS + RECONCILE_WINDOW_MS + 30_000);
    expect(await statuses()).toEqual(['completed']);
    expect(t.creates).toHaveLength(1);
    expect((await db.jobs.toArray())[0]).toMatchObject({ attempts: 0, error: null });
  });

  it('a download the browser refuses while it closes keeps the intent and its name; the next tick saves it once', async () => {
    const t = setup();
    const real = t.downloads.port.download;
    let refused = 0;
    t.downloads.port.download = async (options) => {
      if (options.filename.endsWith('.mp4') && refused++ === 0)
        throw new Error('The browser is shutting down.');
      return real(options);
    };
    await queue(1);
    let thrown: unknown = null;
    for (let i = 0; i < 30 && refused === 0; i++) {
      h.clock.now += 1_000;
      thrown = await t.ticker.tick().then(
        () => null,
        (error: unknown) => error,
      );
    }
    expect(String(thrown)).toMatch(/shutting down/);
    const held = (await db.jobs.toArray())[0]!;
    expect(held).toMatchObject({ status: 'ready', attempts: 0, error: null });
    const intended = held.download?.fileName;
    expect(intended).toMatch(/\.mp4$/);
    await run(t, 5_000);
    expect(await statuses()).toEqual(['completed']);
    const videos = t.downloads.items.filter((i) => i.filename.endsWith('.mp4'));
    expect(videos.map((i) => i.filename)).toEqual([`/downloads/${intended}`]);
  });

  it('with auto-download off, finishes jobs without downloading and keeps the result', async () => {
    const t = setup({ autoDownload: false });
    await queue(1);
    await run(t, 20_000); // 10 s render + the 4 s draft lag + the download
    expect(await statuses()).toEqual(['completed']);
    expect(t.downloads.items).toHaveLength(0);
    expect(await db.results.count()).toBe(1);
  });

  it('resumes an interrupted download the browser can resume, else downloads again', async () => {
    const t = setup();
    await queue(2);
    for (let i = 0; i < 20 && t.downloads.items.length < 2; i++) {
      h.clock.now += 1_000;
      await t.ticker.tick();
    }
    t.downloads.interrupt(true);
    h.clock.now += 1_000;
    await t.ticker.tick();
    expect(t.downloads.resumed).toHaveLength(2);
    t.downloads.interrupt(false);
    const dead = t.downloads.items.filter((i) => i.state === 'interrupted').map((i) => i.id);
    await run(t, 20_000);
    expect(await statuses()).toEqual(['completed', 'completed']);
    // Fetched again under the same names; the dead entries left the browser's list first.
    expect(t.downloads.forgotten).toEqual(dead);
    const videos = t.downloads.items.filter((i) => i.filename.endsWith('.mp4'));
    expect(videos.map((i) => i.state)).toEqual(['complete', 'complete']);
    expect(new Set(videos.map((i) => i.filename)).size).toBe(2);
    expect(t.creates).toHaveLength(2);
  });

  it('waits without any request while host access is revoked, and resumes when it is granted', async () => {
    const t = setup();
    await queue(2);
    await run(t, 2_000);
    t.access.granted = false;
    const polls = t.state.polls;
    await run(t, 10_000);
    expect(await statuses()).toEqual(['needs_permission', 'needs_permission']);
    expect(t.state.polls).toBe(polls);
    expect(t.state.sessionChecks).toBe(0);
    t.access.granted = true;
    await run(t, 20_000);
    expect(await statuses()).toEqual(['completed', 'completed']);
    expect(t.creates).toHaveLength(2);
  });

  it('fails a job whose task vanished from both pending and drafts, after a generous bound', async () => {
    const { MISSING_LIMIT_MS } = await import('@/lib/pipeline/poll');
    const t = setup();
    await queue(1);
    await run(t, 1_000);
    t.tasks.splice(0, 1); // the backend lost it
    await run(t, MISSING_LIMIT_MS - 5_000, 5_000);
    expect(await statuses()).toEqual(['generating']);
    await run(t, 20_000, 5_000);
    expect(await statuses()).toEqual(['failed']);
    expect((await db.jobs.toArray())[0]!.error?.code).toBe('lost');
  });

  it('lowers the cap for a while when the backend refuses for concurrency despite a free slot', async () => {
    const { SoraError } = await import('@/lib/sora/errors');
    const t = setup();
    await queue(4);
    t.state.nextCreate = new SoraError({ code: 'rate_limit_concurrent', message: 'too many', status: 429 });
    await run(t, 1_000); // refused: nothing created, cap lowered to what is running (min 1)
    expect(t.tasks).toHaveLength(0);
    await run(t, 9_000); // one at a time while lowered (the cap would otherwise allow 3)
    expect(t.tasks.length).toBe(1);
    await run(t, 120_000);
    expect(await statuses()).toEqual(Array(4).fill('completed'));
  });
});
