import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { enqueue, setSettings } from './extension';
import { type Browser, launch } from './harness';
import { rowStatuses } from './page-helpers';
import { listFiles, waitFor } from './wait';

let sim: Sim;
let browser: Browser;

beforeAll(async () => {
  sim = await startSim({ renderMs: 2_500 });
  browser = await launch({ sim });
  await browser.signIn();
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

/** The most tasks the account had in progress at any one moment. */
function peakConcurrency(tasks: readonly { createdAt: number; finishesAt: number }[]): number {
  const edges = tasks.flatMap((t) => [
    { at: t.createdAt, delta: 1 },
    { at: t.finishesAt, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const edge of edges) {
    current += edge.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

test('a 12-job batch completes with at most 3 in progress and 12 distinct files', async () => {
  const panel = await browser.openPage('sidepanel');
  await setSettings(panel, { pollIntervalSec: 1 });
  const items = Array.from({ length: 12 }, (_, i) => ({
    text: `Batch shot number ${i + 1}`,
    model: 'sora2-portrait-10s',
  }));
  const { ids } = await enqueue(panel, items);
  expect(ids).toHaveLength(12);

  await waitFor(
    async () => {
      const statuses = await rowStatuses(panel);
      return statuses.length === 12 && statuses.every((s) => s === 'done');
    },
    'all 12 jobs done',
    80_000,
  );

  expect(sim.log.count('POST', '/backend/nf/create')).toBe(12);
  expect(sim.log.entries().filter((e) => e.status === 429)).toEqual([]);
  expect(peakConcurrency(sim.tasks())).toBeLessThanOrEqual(3);
  const files = listFiles(browser.downloadDir);
  expect(new Set(files).size).toBe(12);
  for (let i = 1; i <= 12; i++) expect(files.some((f) => f.includes(`batch-shot-number-${i}_`))).toBe(true);
  // One folder for the batch, named after its first prompt and the day it was queued (issue 14).
  const folders = new Set(files.map((f) => f.split('/').slice(0, -1).join('/')));
  expect([...folders]).toEqual([
    `Sora Companion/batch-shot-number-1_${new Date().toISOString().slice(0, 10)}`,
  ]);
});
