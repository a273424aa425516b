import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { startTaskApiSim, startVideosApiSim, type TaskApiSim, type VideosApiSim } from '../sim/backends';
import {
  addConnection,
  connectionItem,
  connectionsShown,
  restartBrowser as restartWithGrant,
  withSims,
} from './connections';
import { ensureDisplay } from './display';
import { copiedDiagnostics, dumpIndexedDb, recordConsoles, rpc, setSettings, storedJobs } from './extension';
import { type Browser, launch } from './harness';
import { expectCleanDownloads, listFiles, waitFor } from './wait';

// Issue 13 in real Chromium, through the options page: each connection is added there and its
// origin granted for real (a headful Chromium on a virtual display answers the permission dialog,
// docs/chromium-e2e.md §6), then batches run on it next to the Sora session.

let sora: Sim;
let videos: VideosApiSim;
let tasks: TaskApiSim;
let browser: Browser;
let display: { stop: () => void } | null = null;
const VIDEO_KEYS = ['sk-sim-videos-1', 'sk-sim-videos-2'];
/** The videos among the downloads (each has a `.json` sidecar beside it: the secrets test reads them). */
const VIDEO = /\.mp4$/;
/** Every console line of the worker and every page, across browser restarts (the secrets test reads them). */
const consoleLines: string[] = [];

/** One set of Chromium flags for every simulator. */
const allSims = (): Sim => withSims(sora, [videos, tasks]);

beforeAll(async () => {
  display = await ensureDisplay();
  sora = await startSim({ renderMs: 4_300, mediaBytes: 40_000 });
  videos = await startVideosApiSim({ renderMs: 2_300, mediaBytes: 120_000, concurrencyPerKey: 5 });
  tasks = await startTaskApiSim({ renderMs: 1_700, mediaBytes: 60_000 });
  browser = await launch({ sim: allSims(), headless: false });
  recordConsoles(browser.context, consoleLines);
  await browser.signIn();
}, 60_000);

afterAll(async () => {
  await browser?.dispose();
  await Promise.all([sora?.close(), videos?.close(), tasks?.close()]);
  display?.stop();
});

const item = connectionItem;

async function setCap(options: Page, id: string, cap: number): Promise<void> {
  const input = item(options, id).getByTestId('backend-concurrency');
  await input.fill(String(cap));
  await input.press('Tab');
  await waitFor(
    async () =>
      (await options.evaluate(
        async (cid) =>
          (
            (
              await chrome.storage.local.get('connections')
            ).connections as { id: string; concurrency: number }[]
          ).find((c) => c.id === cid)?.concurrency,
        id,
      )) === cap,
    'the cap saved',
  );
}

/** Relaunches on the same profile and grants the connection's origin again (e2e/connections.ts). */
async function restartBrowser(connectionId: string, baseUrl: string): Promise<void> {
  browser = await restartWithGrant(browser, allSims(), connectionId, baseUrl, (next) =>
    recordConsoles(next.context, consoleLines),
  );
}

/**
 * Every key of the connection refused: a job queued on it makes the connection say so, and its jobs
 * wait without a request storm (at most the one create per key that found out).
 */
async function expectRefusedKeysWait(
  panel: Page,
  id: string,
  sim: VideosApiSim | TaskApiSim,
  keys: readonly string[],
  model: string,
): Promise<void> {
  for (const key of keys) sim.faults.revokeKey(key);
  await queueBatch(panel, id, ['After the keys were revoked'], model);
  const shown = await browser.openPage('options');
  await waitFor(
    async () => (await item(shown, id).getAttribute('data-state')) === 'error',
    'the keys shown refused',
    30_000,
  );
  expect((await item(shown, id).textContent()) ?? '').toMatch(/key/i);
  const count = sim.log.entries().length;
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  expect(sim.log.entries().length - count).toBeLessThanOrEqual(2);
}

/** Queues `prompts` from the batch view with the connection picked in `backend-select`. */
async function queueBatch(panel: Page, backendId: string, prompts: string[], model: string): Promise<void> {
  await panel.getByTestId('tab-batch').click();
  await panel.getByTestId('backend-select').first().selectOption(backendId);
  if (model) await panel.getByTestId('model-select').first().selectOption(model);
  await panel.getByTestId('batch-input').fill(prompts.join('\n'));
  await panel.getByTestId('batch-submit').click();
}

const jobsOf = async (panel: Page, n: number) => {
  const jobs = await storedJobs(panel);
  return jobs.length >= n ? jobs : null;
};

/** Waits for `probe`; on a timeout the error names every job's status (what a failure needs). */
async function waitForJobs(panel: () => Page, probe: () => Promise<boolean>, what: string, ms: number) {
  try {
    await waitFor(probe, what, ms);
  } catch (error) {
    const statuses = (await storedJobs(panel()).catch(() => [])).map((j) => j.status);
    throw new Error(`${(error as Error).message}; jobs: ${JSON.stringify(statuses)}`);
  }
}

test('Videos API: added on the options page, 6 jobs with two keys at cap 2, each file once and byte-equal; a failed generation fails only its job', async () => {
  const options = await browser.openPage('options');
  const id = await addConnection(options, {
    kind: 'videos-api',
    url: videos.baseUrl,
    keys: VIDEO_KEYS,
    name: 'Gateway',
  });
  expect(
    await options.evaluate(() => chrome.permissions.contains({ origins: ['https://videos-api.sim.test/*'] })),
  ).toBe(true);
  await setCap(options, id, 2);
  const panel = await browser.openPage('sidepanel');
  // Sidecars on: the secrets test reads them.
  await setSettings(panel, { pollIntervalSec: 1, sidecar: true });
  videos.faults.failNext(1);
  const prompts = Array.from({ length: 6 }, (_, i) => `Gateway clip ${i + 1}`);
  let most = 0;
  await queueBatch(panel, id, prompts, 'sora-2');
  await waitFor(
    async () => {
      most = Math.max(
        most,
        videos.videos().filter((v) => v.status === 'queued' || v.status === 'in_progress').length,
      );
      const jobs = await jobsOf(panel, 6);
      return jobs?.every((j) => j.status === 'completed' || j.status === 'failed') ?? false;
    },
    'the Videos API batch',
    90_000,
  );
  expect(most).toBeLessThanOrEqual(2);
  const made = videos.videos();
  expect(made).toHaveLength(6);
  expect(new Set(made.map((v) => v.key))).toEqual(new Set(VIDEO_KEYS));
  const jobs = await storedJobs(panel);
  expect(jobs.filter((j) => j.status === 'failed')).toHaveLength(1);
  // Five files, each the simulator's bytes for its video, each fetched once.
  const files = expectCleanDownloads(browser.downloadDir, 5, VIDEO);
  const done = made.filter((v) => v.status === 'completed');
  for (const f of files) {
    const bytes = readFileSync(join(browser.downloadDir, f));
    expect(
      done.some((v) => videos.videoBytes(v.id).equals(bytes)),
      f,
    ).toBe(true);
  }
  for (const v of done)
    expect(videos.log.count('GET', `${videos.settings.basePath}/videos/${v.id}/content`)).toBe(1);
  // The rows say which connection ran them.
  await panel.getByTestId('tab-queue').click();
  expect(await panel.locator(`[data-testid="job-row"][data-backend-id="${id}"]`).count()).toBe(6);
}, 150_000);

test('Videos API: a lost create is found again, a worker stop and a browser restart mid-batch lose and double nothing, next to a Sora batch at its own cap; refused keys show on the connection without a request storm', async () => {
  const options = await browser.openPage('options');
  await connectionsShown(options);
  const existing = options.locator('[data-testid="backend-item"][data-backend-kind="videos-api"]');
  const id =
    (await existing.count()) > 0
      ? (await existing.first().getAttribute('data-backend-id'))!
      : await addConnection(options, {
          kind: 'videos-api',
          url: videos.baseUrl,
          keys: VIDEO_KEYS,
          name: 'Gateway',
        });
  await setCap(options, id, 2);
  const panel = await browser.openPage('sidepanel');
  const beforeVideos = videos.videos().length;
  const beforeJobs = (await storedJobs(panel)).length;
  const completedBefore = (await storedJobs(panel)).filter((j) => j.status === 'completed').length;
  const filesBefore = listFiles(browser.downloadDir).filter((f) => VIDEO.test(f)).length;
  videos.faults.loseCreate(1);
  await queueBatch(
    panel,
    id,
    Array.from({ length: 6 }, (_, i) => `Restart clip ${i + 1}`),
    'sora-2',
  );
  await queueBatch(
    panel,
    'sora',
    Array.from({ length: 4 }, (_, i) => `Sora side clip ${i + 1}`),
    'sora2-landscape-10s',
  );
  let soraMost = 0;
  let apiMost = 0;
  const watch = () => {
    apiMost = Math.max(
      apiMost,
      videos.videos().filter((v) => v.status === 'queued' || v.status === 'in_progress').length,
    );
    soraMost = Math.max(
      soraMost,
      sora.tasks().filter((t) => !t.external && t.status !== 'done' && t.status !== 'indexing').length,
    );
  };
  const made = (n: number) => () => {
    watch();
    return videos.videos().length >= beforeVideos + n;
  };
  await waitFor(made(1), 'a first create');
  await browser.stopServiceWorker();
  await waitFor(made(3), 'more creates', 40_000);
  await restartBrowser(id, videos.baseUrl);
  const again = await browser.openPage('sidepanel');
  await waitForJobs(
    () => again,
    async () => {
      watch();
      const jobs = await jobsOf(again, beforeJobs + 10);
      return jobs?.every((j) => j.status === 'completed' || j.status === 'failed') ?? false;
    },
    'both batches after the restart',
    150_000,
  );
  const jobs = await storedJobs(again);
  expect(jobs.length - beforeJobs).toBe(10);
  const rows = JSON.parse(await dumpIndexedDb(again))['sora-companion/jobs'] as {
    status: string;
    backendId: string;
    error: unknown;
  }[];
  const failures = JSON.stringify(
    rows.filter((r) => r.status === 'failed').map((r) => [r.backendId, r.error]),
  );
  expect(jobs.filter((j) => j.status === 'completed').length - completedBefore, failures).toBe(10);
  expect(videos.videos().length - beforeVideos).toBe(6); // the lost create was found, not made again
  expect(sora.tasks().filter((t) => !t.external)).toHaveLength(4);
  expect(apiMost).toBeLessThanOrEqual(2);
  expect(soraMost).toBeLessThanOrEqual(3);
  expectCleanDownloads(browser.downloadDir, filesBefore + 6 + 4, VIDEO);

  // Every key refused: the connection says so, and its jobs wait without a request storm.
  await expectRefusedKeysWait(again, id, videos, VIDEO_KEYS, 'sora-2');
}, 240_000);

test('task API: added on the options page, 6 jobs with two keys at cap 2, files byte-equal and saved once; a failed generation and a lost create (never resent) fail alone; a worker stop and a browser restart lose and double nothing; a refused key shows and its jobs wait without a request storm', async () => {
  const options = await browser.openPage('options');
  const keys = tasks.settings.keys.slice(0, 2);
  const id = await addConnection(options, { kind: 'task-api', url: tasks.baseUrl, keys, name: 'Tasks' });
  await setCap(options, id, 2);
  const panel = await browser.openPage('sidepanel');
  await setSettings(panel, { pollIntervalSec: 1 });
  const earlier = new Set((await storedJobs(panel)).map((j) => j.id));
  const filesBefore = listFiles(browser.downloadDir).filter((f) => VIDEO.test(f)).length;
  tasks.faults.loseCreate(1);
  // The running tasks at each look; counted at the end against the tasks a job owns (a lost create's
  // task is invisible to a backend with no list, so it cannot count against the cap).
  const snapshots: string[][] = [];
  const watch = () => {
    snapshots.push(
      tasks
        .tasks()
        .filter((t) => t.successFlag === 0)
        .map((t) => t.taskId),
    );
  };
  await queueBatch(
    panel,
    id,
    Array.from({ length: 6 }, (_, i) => `Task clip ${i + 1}`),
    '',
  );
  const created = (n: number) => () => {
    watch();
    return tasks.tasks().length >= n;
  };
  await waitFor(created(2), 'the first creates');
  tasks.faults.failNext(1); // a later task than the lost one
  await browser.stopServiceWorker();
  await waitFor(created(4), 'more creates', 40_000);
  await restartBrowser(id, tasks.baseUrl);
  const again = await browser.openPage('sidepanel');
  const added = async () => (await storedJobs(again)).filter((j) => !earlier.has(j.id));
  await waitForJobs(
    () => again,
    async () => {
      watch();
      const jobs = await added();
      return jobs.length === 6 && jobs.every((j) => j.status === 'completed' || j.status === 'failed');
    },
    'the task API batch',
    120_000,
  );
  const jobs = await added();
  const made = tasks.tasks();
  const seen = JSON.stringify({ jobs, tasks: made.map((t) => [t.taskId, t.successFlag]) });
  // Nothing was sent twice. The lost create — and any create the worker stop cut off, which this
  // backend cannot look up either — fails alone without a task; the failed generation fails with its
  // task (unless the worker stop cut off the very create that made it: then it is one of the lost);
  // every other job completed.
  const lost = jobs.filter((j) => j.status === 'failed' && j.taskId === null);
  expect(lost.length, seen).toBeGreaterThanOrEqual(1);
  // The lost job says so and offers to send it again (the user's choice, never the extension's).
  await again.getByTestId('tab-queue').click();
  await again.getByTestId('queue-filter').selectOption('failed');
  const lostRow = again.locator(`[data-testid="job-row"][data-job-id="${lost[0]!.id}"]`);
  await expect.poll(() => lostRow.getByTestId('job-retry').textContent()).toBe('Send again');
  expect(await lostRow.getByTestId('job-error').textContent()).toMatch(/not sent again/);
  // Never a second task for a job: the tasks no job owns are at most the lost creates (a create the
  // worker stop cut off before it was sent made none).
  const owners = new Set(jobs.map((j) => j.taskId).filter((t) => t !== null));
  expect(made.length, seen).toBeLessThanOrEqual(6);
  expect(made.filter((t) => !owners.has(t.taskId)).length, seen).toBeLessThanOrEqual(lost.length);
  const failedTasks = made.filter((t) => t.successFlag === 3);
  expect(failedTasks, seen).toHaveLength(1);
  const failedOwned = jobs.filter((j) => j.status === 'failed' && j.taskId !== null);
  expect(
    failedOwned.map((j) => j.taskId),
    seen,
  ).toEqual(owners.has(failedTasks[0]!.taskId) ? [failedTasks[0]!.taskId] : []);
  const completed = jobs.filter((j) => j.status === 'completed');
  expect(completed.length + lost.length + failedOwned.length, seen).toBe(6);
  expect(new Set(made.map((t) => t.key))).toEqual(new Set(keys));
  const owned = new Set(jobs.map((j) => j.taskId));
  expect(Math.max(...snapshots.map((ids) => ids.filter((t) => owned.has(t)).length))).toBeLessThanOrEqual(2);
  // A file per completed job, each the CDN's bytes for its task, each fetched once.
  const saved = expectCleanDownloads(browser.downloadDir, filesBefore + completed.length, VIDEO).map((f) =>
    readFileSync(join(browser.downloadDir, f)),
  );
  const done = made.filter((t) => t.successFlag === 1 && completed.some((j) => j.taskId === t.taskId));
  expect(done).toHaveLength(completed.length);
  for (const t of done) {
    expect(
      saved.some((bytes) => tasks.videoBytes(t.taskId).equals(bytes)),
      t.taskId,
    ).toBe(true);
    // Saved once (no partial or "(1)" file, above); fetched twice at most, when the browser restart
    // cut its download and it was resumed.
    const fetches = tasks.log.entries().filter((e) => e.host === tasks.cdnHost && e.path.includes(t.taskId));
    expect(fetches.length).toBeGreaterThanOrEqual(1);
    expect(fetches.length).toBeLessThanOrEqual(2);
  }

  await expectRefusedKeysWait(again, id, tasks, keys, '');
}, 240_000);

test('API keys are nowhere they should not be: IndexedDB, storage.sync, the export, diagnostics and the request log, consoles, sidecars, file names, pages', async () => {
  const panel = await browser.openPage('sidepanel');
  const keys = [...VIDEO_KEYS, ...tasks.settings.keys];
  // The canaries are real: each key was sent to its server (the Videos API keys on /content too).
  const sent = [...videos.log.entries(), ...tasks.log.entries()].map(
    (e) => e.headers.authorization ?? e.headers['api-key'] ?? '',
  );
  for (const k of [...VIDEO_KEYS, ...tasks.settings.keys.slice(0, 2)])
    expect(
      sent.some((h) => h.includes(k)),
      k,
    ).toBe(true);
  const worker = await browser.serviceWorker();
  await worker.evaluate(() => console.log('[capture-check] worker console is captured'));
  await waitFor(
    () => consoleLines.some((l) => l.includes('[worker]') && l.includes('[capture-check]')),
    'worker console',
  );
  const files = listFiles(browser.downloadDir);
  const sidecars = files.filter((f) => f.endsWith('.json'));
  expect(sidecars.length).toBeGreaterThanOrEqual(5);
  const diagnostics = await copiedDiagnostics(panel);
  expect(diagnostics).toContain('/videos'); // the request log of the connections is in it
  const options = await browser.openPage('options');
  const places: Record<string, string> = {
    indexedDb: await dumpIndexedDb(panel),
    'storage.sync': JSON.stringify(await panel.evaluate(() => chrome.storage.sync.get(null))),
    exportData: JSON.stringify(await rpc(panel, 'exportData')),
    diagnostics,
    console: consoleLines.join('\n'),
    sidecars: sidecars.map((f) => readFileSync(join(browser.downloadDir, f), 'utf8')).join('\n'),
    fileNames: files.join('\n'),
    'side panel': await panel.content(),
    'options page': await options.content(),
  };
  expect(places.indexedDb).toContain('Gateway clip 1'); // the dump really holds the jobs
  expect(places.sidecars).toContain('Gateway clip'); // and the sidecars their prompts
  const leaks: string[] = [];
  for (const [where, text] of Object.entries(places)) {
    for (const k of keys) if (text.includes(k)) leaks.push(`${k} in ${where}`);
    if (/Bearer\s+sk-/.test(text)) leaks.push(`"Bearer sk-" in ${where}`);
  }
  expect(leaks).toEqual([]);
  // They are in storage.local, masked in the page.
  const local = JSON.stringify(await panel.evaluate(() => chrome.storage.local.get('connectionKeys')));
  expect(VIDEO_KEYS.every((k) => local.includes(k))).toBe(true);
});
