// UI benchmarks: gzip size of each page's bundle against bench/budgets.json, and first render in real
// Chromium: the side panel with 10,000 jobs stored, and the popup. Run by `npm run bench` (after a build).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launch } from '../e2e/harness';
import { startSim } from '../sim';
import { makeJob } from '../tests/helpers/jobs';
import type { Metric } from './types';

const budgets = JSON.parse(readFileSync(resolve(import.meta.dirname, 'budgets.json'), 'utf8')) as {
  gzipBytes: Record<string, number>;
  firstRenderMs: Record<string, number>;
};
const JOBS = 10_000;
const RUNS = 5;

/** Every file a page loads: its scripts, preloads and styles, and the chunks those import. */
function pageFiles(html: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(resolve(EXTENSION_DIR, file), 'utf8');
    for (const m of code.matchAll(/(?:import|from)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      visit(resolve('/', dirname(file), m[1]!).slice(1));
  };
  const page = readFileSync(resolve(EXTENSION_DIR, html), 'utf8');
  for (const m of page.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)) visit(m[1]!);
  return [...seen];
}

function gzipSize(files: readonly string[]): number {
  return files.reduce(
    (n, f) => n + gzipSync(readFileSync(resolve(EXTENSION_DIR, f)), { level: 9 }).length,
    0,
  );
}

function sizeMetrics(): Metric[] {
  const sizes: Record<string, number> = {
    popup: gzipSize(pageFiles('popup.html')),
    sidepanel: gzipSize(pageFiles('sidepanel.html')),
    options: gzipSize(pageFiles('options.html')),
    background: gzipSize(['background.js']),
  };
  return Object.entries(sizes).map(([name, bytes]) => {
    const budget = budgets.gzipBytes[name]!;
    if (bytes > budget) process.exitCode = 1;
    return {
      name: `ui: ${name} bundle (gzip)${bytes > budget ? ' OVER BUDGET' : ''}`,
      value: Math.round(bytes / 102.4) / 10,
      unit: 'KB',
      target: `≤ ${budget / 1024} KB`,
    };
  });
}

/** Milliseconds from navigation start until `selector` is in the DOM (recorded inside the page). */
async function firstRender(open: () => Promise<Page>, selector: string): Promise<number> {
  const page = await open();
  // A string, not a function: tsx would wrap a function's inner helpers in `__name`, unknown in the page.
  const ms = (await page.evaluate(`new Promise((done) => {
    const check = () => (document.querySelector(${JSON.stringify(selector)}) ? done(performance.now()) : requestAnimationFrame(check));
    check();
  })`)) as number;
  await page.close();
  return ms;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Stores 10,000 finished jobs straight into the extension's database (the worker has nothing to do). */
async function seed(page: Page): Promise<void> {
  const statuses = ['completed', 'failed', 'canceled'] as const;
  const rows = Array.from({ length: JOBS }, (_, i) =>
    makeJob(
      { id: `bench-${i}`, seq: i + 1, status: statuses[i % 3]!, progress: 100 },
      `Benchmark prompt number ${i}`,
    ),
  );
  await page.evaluate(`(async (jobs) => {
    const db = await new Promise((done, fail) => {
      const req = indexedDB.open('sora-companion');
      req.onsuccess = () => done(req.result);
      req.onerror = () => fail(req.error);
    });
    await new Promise((done, fail) => {
      const tx = db.transaction('jobs', 'readwrite');
      for (const job of jobs) tx.objectStore('jobs').put(job);
      tx.oncomplete = () => done();
      tx.onerror = () => fail(tx.error);
    });
    db.close();
  })(${JSON.stringify(rows)})`);
}

/** The UI benchmarks, as metric lines for bench/run.ts. */
export async function benchUi(): Promise<Metric[]> {
  const metrics = sizeMetrics();
  const sim = await startSim({ renderMs: 1_000 });
  const browser = await launch({ sim });
  try {
    // Wait until the worker has created the database, then fill it.
    const options = await browser.openPage('options');
    await browser.serviceWorker();
    await new Promise((done) => setTimeout(done, 1_000));
    await seed(options);
    const panel: number[] = [];
    const popup: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      panel.push(await firstRender(() => browser.openPage('sidepanel'), '[data-testid="job-row"]'));
      popup.push(await firstRender(() => browser.openPage('popup'), '[data-testid="queue-summary"]'));
    }
    const rendered = [
      {
        name: `ui: side panel first row, ${JOBS.toLocaleString('en-US')} jobs (median of ${RUNS})`,
        ms: median(panel),
        key: 'sidepanel10k',
      },
      { name: `ui: popup first render (median of ${RUNS})`, ms: median(popup), key: 'popup' },
    ];
    for (const r of rendered) {
      const target = budgets.firstRenderMs[r.key]!;
      metrics.push({ name: r.name, value: Math.round(r.ms), unit: 'ms', target: `≤ ${target} ms` });
    }
  } finally {
    await browser.dispose();
    await sim.close();
  }
  return metrics;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const m of await benchUi())
    console.log(`${m.name.padEnd(60)} ${String(m.value).padStart(8)} ${m.unit} (${m.target})`);
}
