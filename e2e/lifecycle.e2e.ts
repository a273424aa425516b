import { statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { enqueue, storedJobs } from './extension';
import { useSessions } from './session';
import { listFiles, waitFor } from './wait';

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
  const files = listFiles(browser.downloadDir);
  expect(files).toHaveLength(1);
  expect(statSync(join(browser.downloadDir, files[0]!)).size).toBe(2_000_000);
  const media = sim.log.filter({ host: 'videos.openai.com' }).filter((e) => e.path.endsWith('%2Fraw'));
  expect(media.length).toBeGreaterThanOrEqual(2); // the cut request, then a resume (Range) or a retry
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(1);
});

test('with no page open and the worker stopped, the alarm alone finishes the job (docs/reliability.md §5)', async () => {
  const { browser, page } = await start({ renderMs: 2_000 });
  await enqueue(page, [{ text: 'Woken by the alarm', model: 'sora2-landscape-10s' }]);
  const alarm = await page.evaluate(() => chrome.alarms.get('job-tick'));
  expect(alarm?.periodInMinutes).toBe(0.5);
  await page.close();
  await browser.stopServiceWorker();
  for (const p of browser.context.pages()) if (p.url().startsWith('chrome-extension://')) await p.close();
  // No page and no worker: only the alarm can wake it. Wait on the file system, not the extension.
  await waitFor(
    () => listFiles(browser.downloadDir).length === 1,
    'the file, within one alarm period',
    70_000,
  );
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
