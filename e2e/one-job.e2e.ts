import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { type Browser, launch } from './harness';
import { recordedStatuses, recordStatuses, rowStatuses } from './page-helpers';
import { listFiles, waitFor } from './wait';

let sim: Sim;
let browser: Browser;

beforeAll(async () => {
  sim = await startSim({ renderMs: 3_000, mediaBytes: 200_000 });
  browser = await launch({ sim });
  await browser.signIn();
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

test('a prompt typed in the side panel becomes a video file on disk', async () => {
  const panel = await browser.openPage('sidepanel');
  await recordStatuses(panel);
  await panel.getByTestId('prompt-input').fill('A kitten running across a meadow');
  await panel.getByTestId('model-select').selectOption('sora2-landscape-10s');
  await panel.getByTestId('submit').click();

  await waitFor(async () => (await rowStatuses(panel))[0] === 'done', 'the job to be done', 45_000);

  const files = listFiles(browser.downloadDir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(
    /^Sora Companion\/\d{4}-\d{2}-\d{2}_a-kitten-running-across-a-meadow_[0-9a-f]{8}\.mp4$/,
  );
  expect(statSync(join(browser.downloadDir, files[0]!)).size).toBe(200_000);

  const creates = sim.log.filter({ method: 'POST', path: '/backend/nf/create' });
  expect(creates).toHaveLength(1);
  expect(creates[0]!.status).toBe(200);
  expect(creates[0]!.body).toMatchObject({
    kind: 'video',
    prompt: 'A kitten running across a meadow',
    model: 'sy_8',
    orientation: 'landscape',
    size: 'small',
    n_frames: 300,
  });
  expect(creates[0]!.headers['openai-sentinel-token']).toBeTruthy();

  const [statuses] = Object.values(await recordedStatuses(panel));
  expect(statuses?.[statuses.length - 1]).toBe('done');
  // Every state the row passed through is in pipeline order (fast phases may be skipped between renders).
  const order = ['queued', 'submitting', 'generating', 'downloading', 'done'];
  const indices = statuses!.map((s) => order.indexOf(s));
  expect(indices.every((i) => i >= 0)).toBe(true);
  expect(indices).toEqual([...indices].sort((a, b) => a - b));
  expect(statuses).toContain('generating');

  const progress = await panel.getByTestId('job-progress').first().getAttribute('data-value');
  expect(progress).toBe('100');
});
