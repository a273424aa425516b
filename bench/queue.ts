// Queue benchmarks against the simulator in real Chromium: makespan at the backend's cap, the
// poller's request rate for 1/3/30 running jobs, and the delay from a result appearing to its
// download starting. BENCH_QUICK=1 shortens render times to smoke-test the benchmark itself.
import { enqueue, setSettings } from '../e2e/extension';
import { type Browser, launch } from '../e2e/harness';
import { listFiles, waitFor } from '../e2e/wait';
import { type Sim, startSim } from '../sim';
import type { Metric } from './types';

const QUICK = process.env.BENCH_QUICK === '1';
const RENDER_MS = QUICK ? 6_000 : 30_000;
const POLL_SEC = 3;
const JOBS = 30;
const RATE_WINDOW_MS = QUICK ? 10_000 : 60_000;

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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Makespan / ideal for 30 jobs at cap 3, and result → download-start delay. */
async function makespan(): Promise<Metric[]> {
  const { sim, browser } = await session({ renderMs: RENDER_MS, mediaBytes: 64 * 1024 });
  try {
    const page = await browser.openPage('options');
    await setSettings(page, { pollIntervalSec: POLL_SEC, concurrency: 3 });
    const started = Date.now();
    await enqueue(page, prompts(JOBS, 'makespan'));
    await waitFor(() => listFiles(browser.downloadDir).length >= JOBS, 'all files', RENDER_MS * 20);
    const elapsed = Date.now() - started;
    const ideal = Math.ceil(JOBS / 3) * RENDER_MS;
    const media = sim.log.filter({ host: 'videos.openai.com' });
    const delays = sim.tasks().map((task) => {
      const get = media.find((entry) => entry.path.includes(task.mediaId));
      return get ? get.at - task.draftAt : Number.NaN;
    });
    return [
      {
        name: `queue: makespan / ideal (${JOBS} jobs, cap 3, ${RENDER_MS / 1000} s render)`,
        value: +(elapsed / ideal).toFixed(3),
        unit: '×',
        target: '≤ 1.10',
      },
      {
        name: 'queue: median result → download start',
        value: Math.round(median(delays.filter(Number.isFinite))),
        unit: 'ms',
        target: `≤ ${POLL_SEC * 1000 + 1000} ms`,
      },
    ];
  } finally {
    await browser.dispose();
    await sim.close();
  }
}

/** Pending-list requests per minute with n jobs queued: the shared poller should make it flat. */
async function pollRate(n: number): Promise<Metric> {
  const { sim, browser } = await session({ renderMs: 60 * 60_000 });
  try {
    const page = await browser.openPage('options');
    await setSettings(page, { pollIntervalSec: POLL_SEC });
    await enqueue(page, prompts(n, `rate-${n}`));
    await waitFor(() => sim.log.count('POST', '/backend/nf/create') >= Math.min(n, 3), 'creates');
    sim.log.clear();
    await new Promise((resolve) => setTimeout(resolve, RATE_WINDOW_MS));
    const perMinute = (sim.log.count('GET', '/backend/nf/pending/v2') * 60_000) / RATE_WINDOW_MS;
    return {
      name: `queue: pending requests / min with ${n} job(s) queued`,
      value: Math.round(perMinute),
      unit: 'req/min',
      target: 'the same for 1, 3, 30',
    };
  } finally {
    await browser.dispose();
    await sim.close();
  }
}

/** Runs every queue benchmark in turn (about 9 minutes; 2 with BENCH_QUICK=1). */
export async function benchQueue(): Promise<Metric[]> {
  const results = await makespan();
  for (const n of [1, 3, 30]) results.push(await pollRate(n));
  return results;
}
