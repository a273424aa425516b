import type { Page } from 'playwright-core';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { enqueue, setSettings } from './extension';
import { type Browser, launch } from './harness';
import { waitFor } from './wait';

let sim: Sim;
let browser: Browser;

beforeEach(async () => {
  sim = await startSim({ renderMs: 2_000, mediaBytes: 20_000 });
  browser = await launch({ sim });
  await browser.signIn();
});

afterEach(async () => {
  await browser?.dispose();
  await sim?.close();
});

interface StoredJob {
  prompt: string;
  status: string;
  error: { code: string; message: string } | null;
}

/** Each job's prompt, status and stored error, read from the extension's IndexedDB. */
function jobs(page: Page): Promise<StoredJob[]> {
  return page.evaluate(
    () =>
      new Promise<StoredJob[]>((resolve, reject) => {
        const open = indexedDB.open('sora-companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('jobs').objectStore('jobs').getAll();
          request.onsuccess = () => {
            const rows = request.result as {
              input: { text: string };
              status: string;
              error: StoredJob['error'];
            }[];
            resolve(rows.map((r) => ({ prompt: r.input.text, status: r.status, error: r.error })));
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

const settled = (all: StoredJob[]): boolean =>
  all.length > 0 && all.every((j) => ['completed', 'failed', 'canceled'].includes(j.status));

test('hostile answers to a create: reconciled and retried once each, or a clear error; never stuck or doubled', async () => {
  const page = await browser.openPage('sidepanel');
  await setSettings(page, { pollIntervalSec: 1, concurrency: 1 });
  const create = { method: 'POST', path: '/backend/nf/create' };
  // A redirect off the host and an endless body: the create may have happened, so it is reconciled
  // (never resent blindly) and, not found, sent again. A 5xx page is retried. A 4xx page fails the job.
  sim.faults.inject({ ...create, action: { kind: 'redirect', location: 'https://chatgpt.com/elsewhere' } });
  sim.faults.inject({ ...create, action: { kind: 'huge', bytes: 40_000_000, chunked: true } });
  sim.faults.inject({
    ...create,
    action: { kind: 'html', status: 502, html: '<html><h1>Bad Gateway</h1></html>' },
  });
  sim.faults.inject({
    ...create,
    action: { kind: 'html', status: 400, html: '<html><h1>Bad Request</h1></html>' },
  });
  await enqueue(page, [
    { text: 'Hostile create one', model: 'sora2-landscape-10s' },
    { text: 'Hostile create two', model: 'sora2-landscape-10s' },
    { text: 'Hostile create three', model: 'sora2-landscape-10s' },
  ]);
  const all = await waitFor(
    async () => {
      const current = await jobs(page);
      return settled(current) ? current : null;
    },
    'every job to settle',
    130_000,
  );
  const failed = all.filter((j) => j.status === 'failed');
  expect(failed).toHaveLength(1);
  expect(failed[0]!.error).toEqual({ code: 'fatal', message: 'Sora refused the request (HTTP 400).' });
  expect(all.filter((j) => j.status === 'completed')).toHaveLength(2);
  expect(sim.tasks()).toHaveLength(2); // nothing created twice
  expect(sim.faults.active()).toEqual([]);
  expect(sim.log.filter({ host: 'chatgpt.com', path: '/elsewhere' })).toEqual([]);
  // The failed row says why.
  await waitFor(
    async () => (await page.getByTestId('job-row').filter({ hasText: 'HTTP 400' }).count()) === 1,
    'the reason on the failed row',
  );
}, 150_000);

test('hostile answers to the poll: the batch still completes, at one request per interval', async () => {
  const page = await browser.openPage('sidepanel');
  await setSettings(page, { pollIntervalSec: 1 });
  await enqueue(page, [
    { text: 'Polled through garbage one', model: 'sora2-landscape-10s' },
    { text: 'Polled through garbage two', model: 'sora2-landscape-10s' },
  ]);
  await waitFor(() => sim.log.count('POST', '/backend/nf/create') === 2, 'both creates');
  const pending = '/backend/nf/pending/v2';
  const started = Date.now();
  const before = sim.log.count('GET', pending);
  sim.faults.inject({ path: pending, times: 2, action: { kind: 'status', status: 200, body: '[{"id":' } });
  sim.faults.inject({ path: pending, action: { kind: 'html', status: 200, html: '<html>Log in</html>' } });
  sim.faults.inject({ path: pending, action: { kind: 'huge', bytes: 30_000_000, chunked: true } });
  sim.faults.inject({
    path: pending,
    action: { kind: 'redirect', location: 'https://chatgpt.com/elsewhere', status: 307 },
  });
  sim.faults.inject({ path: pending, action: { kind: 'status', status: 200, body: { not: 'an array' } } });
  await waitFor(() => sim.faults.active().length === 0, 'every poll fault used', 30_000);
  const seconds = (Date.now() - started) / 1000;
  const polls = sim.log.count('GET', pending) - before;
  expect(polls / seconds).toBeLessThan(3); // 1 s interval: no tight retry loop
  const all = await waitFor(
    async () => {
      const current = await jobs(page);
      return settled(current) ? current : null;
    },
    'both jobs to settle',
    60_000,
  );
  expect(all.map((j) => j.status)).toEqual(['completed', 'completed']);
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(2);
  expect(sim.log.filter({ host: 'chatgpt.com', path: '/elsewhere' })).toEqual([]);
});
