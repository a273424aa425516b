import { afterEach, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { enqueue, setSettings, storedJobs } from './extension';
import { type Browser, launch } from './harness';
import { listFiles, waitFor } from './wait';

let sim: Sim | undefined;
let browser: Browser | undefined;

afterEach(async () => {
  await browser?.dispose();
  await sim?.close();
});

const allDone = async (b: Browser): Promise<boolean> => {
  const page =
    b.context.pages().find((p) => p.url().includes(b.extensionId)) ?? (await b.openPage('options'));
  const jobs = await storedJobs(page);
  return jobs.length > 0 && jobs.every((j) => j.status === 'completed');
};

test('stopping the worker 5 times and restarting the browser mid-batch loses and repeats nothing', async () => {
  sim = await startSim({ renderMs: 4_000 });
  browser = await launch({ sim });
  await browser.signIn();
  const page = await browser.openPage('options');
  await setSettings(page, { pollIntervalSec: 1 });
  const items = Array.from({ length: 6 }, (_, i) => ({
    text: `Resilient clip ${i + 1}`,
    model: 'sora2-landscape-10s',
  }));
  await enqueue(page, items);

  for (let stop = 0; stop < 5; stop++) {
    await waitFor(() => sim!.log.entries().length > 0, 'backend traffic');
    await new Promise((resolve) => setTimeout(resolve, 700));
    await browser.stopServiceWorker();
    // Alarms are the backstop; waking by a page message proves no in-memory state is needed.
    await browser.serviceWorker();
  }

  // Restart the whole browser on the same profile while work is still in flight.
  expect(await allDone(browser)).toBe(false);
  const { userDataDir, downloadDir } = browser;
  await browser.close();
  browser = await launch({ sim, userDataDir, downloadDir });
  await waitFor(() => allDone(browser!), 'every job completed after the restart', 60_000);

  expect(sim.log.count('POST', '/backend/nf/create')).toBe(6);
  const files = listFiles(downloadDir);
  expect(files).toHaveLength(6);
  expect(files.filter((f) => / \(\d+\)\.mp4$/.test(f))).toEqual([]);
});
