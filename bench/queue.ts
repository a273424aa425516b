// Queue benchmarks against the simulator in real Chromium: makespan at the backend's cap, the delay
// from a draft appearing to its video file being requested, and the poller's request rate while
// tasks run and finish, for 1, 3 and 30 jobs. BENCH_QUICK=1 shortens render times to smoke-test it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { enqueue, setSettings } from '../e2e/extension';
import { type Browser, launch } from '../e2e/harness';
import { listFiles, waitFor } from '../e2e/wait';
import { type Sim, startSim } from '../sim';
import { parseBlobName } from '../sim/media-url';
import type { Metric } from './types';

const budgets = JSON.parse(readFileSync(resolve(import.meta.dirname, 'budgets.json'), 'utf8')) as {
  queue: {
    renderMs: number;
    pollSec: number;
    makespanOverIdeal: number;
    draftToVideoMedianOverPollMs: number;
    pollRateSpread: number;
  };
};
const QUICK = process.env.BENCH_QUICK === '1';
const POLL_SEC = budgets.queue.pollSec;
/** Not a multiple of the poll interval, so results land between polls as they do for real. */
const RENDER_MS = QUICK ? 6_700 : budgets.queue.renderMs;
const JOBS = 30;
/** Poll rate is measured over at most this much of the time jobs are active. */
const RATE_WINDOW_MS = 60_000;

async function session(settings: Parameters<typeof startSim>[0]): Promise<{ sim: Sim; browser: Browser }> {
  const sim = await startSim(settings);
  const browser = await launch({ sim });
  await browser.signIn();
  return { sim, browser };
}

const prompts = (n: number, tag: string): { text: string; model: string }[] =>
  Array.from({ length: n }, (_, i) => ({
    text: `${tag} benchmark clip ${i + 1}`,
    model: 'sora2-landscape-10s',
  }));

/** The value below which `q` of the sorted values lie (nearest rank). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/** When each task's video file (not its thumbnail) was first requested from the media host. */
function videoRequestedAt(sim: Sim): Map<string, number> {
  const first = new Map<string, number>();
  for (const entry of sim.log.filter({ host: 'videos.openai.com' })) {
    const blob = parseBlobName(decodeURIComponent(entry.path.replace(/^\/az\/files\//, '')));
    if (!blob || blob.variant === 'thumbnail') continue;
    if (!first.has(blob.mediaId)) first.set(blob.mediaId, entry.at);
  }
  return first;
}

interface Run {
  sim: Sim;
  /** From the first create request to the last video request. */
  activeFrom: number;
  activeTo: number;
  elapsedMs: number;
}

/** Queues `n` jobs at cap 3 and waits for every file; the sim's log is left for the metrics. */
async function runJobs(n: number, tag: string, measure: (run: Run) => Metric[]): Promise<Metric[]> {
  const { sim, browser } = await session({ renderMs: RENDER_MS, mediaBytes: 64 * 1024 });
  try {
    const page = await browser.openPage('options');
    await setSettings(page, { pollIntervalSec: POLL_SEC, concurrency: 3 });
    const started = Date.now();
    await enqueue(page, prompts(n, tag));
    await waitFor(() => listFiles(browser.downloadDir).length >= n, 'all files', RENDER_MS * 20);
    const elapsedMs = Date.now() - started;
    const creates = sim.log.filter({ method: 'POST', path: '/backend/nf/create' });
    const videos = [...videoRequestedAt(sim).values()];
    return measure({
      sim,
      elapsedMs,
      activeFrom: creates[0]?.at ?? started,
      activeTo: videos.length ? Math.max(...videos) : Date.now(),
    });
  } finally {
    await browser.dispose();
    await sim.close();
  }
}

/** Polls per minute (pending + drafts list) over the first minute of activity, while tasks finish. */
function pollRate(n: number, run: Run): Metric {
  const from = run.activeFrom;
  const to = Math.min(run.activeTo, from + RATE_WINDOW_MS);
  const inWindow = (path: string | RegExp): number =>
    run.sim.log.filter({ method: 'GET', path }).filter((e) => e.at >= from && e.at <= to).length;
  const polls = inWindow('/backend/nf/pending/v2') + inWindow('/backend/project_y/profile/drafts/v2');
  return {
    name: `queue: polls / min, ${n} job(s), tasks finishing (${Math.round((to - from) / 1000)} s window)`,
    value: Math.round((polls * 60_000) / Math.max(1, to - from)),
    unit: 'req/min',
    target: 'the same for 1, 3, 30',
  };
}

/** Makespan / ideal for 30 jobs at cap 3, draft → video request delays, and the 30-job poll rate. */
function makespanMetrics(run: Run): Metric[] {
  const ideal = Math.ceil(JOBS / 3) * RENDER_MS;
  const requested = videoRequestedAt(run.sim);
  const delays = run.sim
    .tasks()
    .map((task) => (requested.get(task.mediaId) ?? Number.NaN) - task.draftAt)
    .filter(Number.isFinite);
  const target = `≤ ${POLL_SEC * 1000 + budgets.queue.draftToVideoMedianOverPollMs} ms`;
  return [
    {
      name: `queue: makespan / ideal (${JOBS} jobs, cap 3, ${RENDER_MS / 1000} s render, ${POLL_SEC} s poll)`,
      value: +(run.elapsedMs / ideal).toFixed(3),
      unit: '×',
      target: `≤ ${budgets.queue.makespanOverIdeal}`,
    },
    {
      name: `queue: draft appears → video request, median (${delays.length} tasks)`,
      value: Math.round(quantile(delays, 0.5)),
      unit: 'ms',
      target,
    },
    {
      name: 'queue: draft appears → video request, p90',
      value: Math.round(quantile(delays, 0.9)),
      unit: 'ms',
    },
    pollRate(JOBS, run),
  ];
}

/** Runs every queue benchmark in turn (about 7 minutes; 2 with BENCH_QUICK=1). */
export async function benchQueue(): Promise<Metric[]> {
  const results = await runJobs(JOBS, 'makespan', makespanMetrics);
  for (const n of [1, 3]) results.push(...(await runJobs(n, `rate-${n}`, (run) => [pollRate(n, run)])));
  const rates = results.filter((m) => m.unit === 'req/min').map((m) => m.value);
  results.push({
    name: 'queue: polls / min spread across 1, 3, 30 jobs ((max − min) / max)',
    value: +((Math.max(...rates) - Math.min(...rates)) / Math.max(...rates)).toFixed(3),
    unit: '',
    target: `≤ ${budgets.queue.pollRateSpread}`,
  });
  return results;
}
