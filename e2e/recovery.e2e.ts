import { expect, test } from 'vitest';
import { enqueue, storedJobs } from './extension';
import { useSessions } from './session';
import { expectCleanDownloads, waitFor } from './wait';

const start = useSessions();

/** Issue 11 item 7: while an extension page is open, a stopped worker is running again within 2 s. */
const QUICK_MS = 2_000;

test('with the side panel open, a stopped worker is running again and polling within 2 s, every time', async () => {
  const { sim, browser, page } = await start({ renderMs: 8_000 }, 'sidepanel');
  await enqueue(page, [{ text: 'Woken by the side panel', model: 'sora2-landscape-10s' }]);
  await waitFor(async () => (await storedJobs(page))[0]?.status === 'generating', 'the job generating');
  const gaps: { running: number; request: number }[] = [];
  for (let stop = 0; stop < 3; stop++) {
    await browser.stopServiceWorker();
    const stoppedAt = Date.now();
    const request = await waitFor(
      () => sim.log.entries().find((e) => e.at > stoppedAt + 50),
      'a backend request from a restarted worker',
      40_000,
    );
    const running = (await browser.workerStatusLog()).find((c) => c.at > stoppedAt && c.status === 'running');
    gaps.push({
      running: (running?.at ?? Number.POSITIVE_INFINITY) - stoppedAt,
      request: request.at - stoppedAt,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.info('[recovery] stop → running / first request (ms):', JSON.stringify(gaps));
  console.info('[recovery] worker status log:', JSON.stringify(await browser.workerStatusLog()));
  for (const gap of gaps) {
    expect(gap.running).toBeLessThan(QUICK_MS);
    expect(gap.request).toBeLessThan(QUICK_MS);
  }
  // The alarm (30 s) could not have done this: each worker came back long before it was due.
  await waitFor(async () => (await storedJobs(page))[0]?.status === 'completed', 'the job completed', 60_000);
  expectCleanDownloads(browser.downloadDir, 1);
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
});

test('the popup and the options page wake a stopped worker too', async () => {
  const { sim, browser, page } = await start({ renderMs: 20_000 }, 'options');
  await enqueue(page, [{ text: 'Woken by the popup', model: 'sora2-landscape-10s' }]);
  await waitFor(async () => (await storedJobs(page))[0]?.status === 'generating', 'the job generating');
  for (const name of ['options', 'popup'] as const) {
    for (const p of browser.context.pages()) if (p.url().startsWith('chrome-extension://')) await p.close();
    const opened = await browser.openPage(name);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the page's port is connected
    await browser.stopServiceWorker();
    const stoppedAt = Date.now();
    const request = await waitFor(
      () => sim.log.entries().find((e) => e.at > stoppedAt + 50),
      `a request after the stop with the ${name} open`,
      40_000,
    );
    expect(request.at - stoppedAt, name).toBeLessThan(QUICK_MS);
    expect(opened.url()).toContain(name);
  }
});
