import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { enqueue, storedJobs, storedRows } from './extension';
import { launch } from './harness';
import { useSessions } from './session';
import { expectCleanDownloads, listFiles, waitFor } from './wait';
import { attachWorkerDebugger, breakAfterDownloadRequest } from './worker-debugger';

const start = useSessions();

test('a download cut off halfway is resumed or retried, and the file ends whole (docs/reliability.md §4)', async () => {
  const { sim, browser, page } = await start({ renderMs: 1_500, mediaBytes: 2_000_000 });
  sim.faults.inject({
    host: 'videos.openai.com',
    path: /%2Fraw$/,
    action: { kind: 'truncate', afterBytes: 700_000 },
  });
  await enqueue(page, [{ text: 'A download that breaks', model: 'sora2-landscape-10s' }]);
  await waitFor(async () => (await storedJobs(page))[0]?.status === 'completed', 'the job completed', 60_000);
  const files = expectCleanDownloads(browser.downloadDir, 1);
  expect(statSync(join(browser.downloadDir, files[0]!)).size).toBe(2_000_000);
  const media = sim.log.filter({ host: 'videos.openai.com' }).filter((e) => e.path.endsWith('%2Fraw'));
  expect(media.length).toBeGreaterThanOrEqual(2); // the cut request, then a resume (Range) or a retry
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
});

test('a browser closed as a video arrives: fetched again, one entry in the browser list, one whole file (docs/reliability.md §4)', async () => {
  const { sim, browser, page } = await start({ renderMs: 1_000, mediaBytes: 3_000_000 });
  await enqueue(page, [{ text: 'Closed as it arrives', model: 'sora2-landscape-10s' }]);
  const videos = () =>
    sim.log
      .filter({ host: 'videos.openai.com' })
      .filter((e) => e.path.endsWith('%2Fraw') && !e.path.includes('drvs'));
  // Close the moment the server has handed the whole file to the socket: handed over, not yet kept.
  await waitFor(() => videos().some((e) => e.delivered === 'whole'), 'the file handed over', 30_000, 1);
  const { userDataDir, downloadDir } = browser;
  await browser.close();
  const again = await launch({ sim, userDataDir, downloadDir });
  try {
    const panel = await again.openPage('options');
    await waitFor(
      async () => (await storedJobs(panel))[0]?.status === 'completed',
      'the job completed',
      60_000,
    );
    // Chromium cancels a download still in flight when it closes and keeps none of it (observed:
    // USER_CANCELED, 0 bytes, not resumable), so the file is fetched again from byte 0 under its own
    // name, and the dead entry is dropped: one job, one entry, one whole file, never "(1)".
    const items = await panel.evaluate(() => chrome.downloads.search({}));
    expect(items.map((d) => d.state)).toEqual(['complete']);
    const files = expectCleanDownloads(downloadDir, 1);
    expect(statSync(join(downloadDir, files[0]!)).size).toBe(3_000_000);
    const served = videos().map((e) => `${e.headers.range ?? 'from 0'} ${e.delivered}`);
    console.info(`[lifecycle] served across the close: ${JSON.stringify(served)}`);
    expect(served.length).toBeGreaterThanOrEqual(1);
    expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
  } finally {
    await again.close();
  }
});

test('with no page open and the worker stopped, only the alarm wakes it, and the job finishes (docs/reliability.md §5)', async () => {
  const { sim, browser, page } = await start({ renderMs: 4_000 });
  await enqueue(page, [{ text: 'Woken by the alarm', model: 'sora2-landscape-10s' }]);
  // Stop only once the create was answered: the job is being followed, not in the middle of a create.
  await waitFor(async () => (await storedJobs(page))[0]?.status === 'generating', 'the job generating');
  const alarm = await page.evaluate(() => chrome.alarms.get('job-tick'));
  expect(alarm?.periodInMinutes).toBe(0.5);
  for (const p of browser.context.pages()) if (p.url().startsWith('chrome-extension://')) await p.close();
  await browser.stopServiceWorker();
  const stoppedAt = Date.now();
  // The first firing of the 30 s alarm after the stop; nothing else may wake the worker before it.
  const period = 30_000;
  const dueAt =
    alarm!.scheduledTime + Math.ceil(Math.max(0, stoppedAt - alarm!.scheduledTime) / period) * period;
  // No page and no worker: wait on the file system, not on the extension.
  await waitFor(
    () => listFiles(browser.downloadDir).length === 1,
    'the file, within one alarm period',
    70_000,
  );
  const firstRequest = sim.log.entries().find((e) => e.at > stoppedAt + 100);
  const restarted = (await browser.workerStatusLog()).find((c) => c.at > stoppedAt && c.status === 'running');
  // Chrome fires alarms at or after their time (never early); 250 ms of slack for the two clocks' reads.
  expect(firstRequest!.at).toBeGreaterThanOrEqual(dueAt - 250);
  expect(restarted!.at).toBeGreaterThanOrEqual(dueAt - 250);
  expect(restarted!.at - dueAt).toBeLessThan(30_000); // within one period of being due
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
});

test('after a browser restart the job-tick alarm exists again, re-created on start-up (docs/reliability.md §5)', async () => {
  const { sim, browser, page } = await start({ renderMs: 1_000 });
  await page.evaluate(() => chrome.alarms.clear('job-tick'));
  expect(await page.evaluate(() => chrome.alarms.get('job-tick'))).toBeUndefined();
  const { userDataDir, downloadDir } = browser;
  await browser.close();
  const again = await launch({ sim, userDataDir, downloadDir });
  try {
    const panel = await again.openPage('options');
    const alarm = await waitFor(
      () => panel.evaluate(() => chrome.alarms.get('job-tick')),
      'the alarm',
      10_000,
    );
    expect(alarm.periodInMinutes).toBe(0.5);
  } finally {
    await again.close();
  }
});

test('the worker killed right after downloads.download() returned, before the id was saved: one file, job done (docs/reliability.md §3)', async () => {
  const { sim, browser, page } = await start({ renderMs: 1_500 });
  const dbg = await attachWorkerDebugger(browser);
  await breakAfterDownloadRequest(dbg);
  await enqueue(page, [{ text: 'Killed mid download', model: 'sora2-landscape-10s' }]);
  await dbg.waitForPause();
  // Paused: the browser has the download, the job has only its intent (file name, no id).
  const [job] = await storedRows<{ status: string; download: { downloadId: number | null } | null }>(
    page,
    'jobs',
  );
  expect(job).toMatchObject({ status: 'ready', download: { downloadId: null } });
  expect(await page.evaluate(() => chrome.downloads.search({}))).toHaveLength(1);
  await browser.stopServiceWorker(); // killed while paused: the rest of the step never runs
  await dbg.detach();
  await waitFor(async () => (await storedJobs(page))[0]?.status === 'completed', 'the job completed', 60_000);
  const items = await page.evaluate(() => chrome.downloads.search({}));
  expect(items).toHaveLength(1);
  expectCleanDownloads(browser.downloadDir, 1);
  // The killed step never reached its thumbnail fetch: the recovery adopted the download instead.
  expect(sim.log.filter({ host: 'videos.openai.com' }).filter((e) => e.path.includes('thumbnail'))).toEqual(
    [],
  );
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
});

test('a 50 MB result never passes through extension storage (docs/reliability.md §12)', async () => {
  const { browser, page } = await start({ renderMs: 1_000, mediaBytes: 50 * 1024 * 1024 });
  const before = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  await enqueue(page, [{ text: 'A big file', model: 'sora2-landscape-10s' }]);
  await waitFor(async () => (await storedJobs(page))[0]?.status === 'completed', 'the job completed', 60_000);
  const files = listFiles(browser.downloadDir);
  expect(statSync(join(browser.downloadDir, files[0]!)).size).toBe(50 * 1024 * 1024);
  const after = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  expect(after - before).toBeLessThan(1024 * 1024);
});
