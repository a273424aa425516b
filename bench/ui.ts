// UI benchmarks: gzip size of each page's bundle against bench/budgets.json, and first render in real
// Chromium: the side panel's first row and status counts with 100 and 100,000 jobs stored, the popup,
// and a prompt search over 100,000 jobs. Run by `npm run bench` (after a build).
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launch } from '../e2e/harness';
import { jobSearchWords } from '../lib/db/search-words';
import { startSim } from '../sim';
import { makeJob } from '../tests/helpers/jobs';
import type { Metric } from './types';

const budgets = JSON.parse(readFileSync(resolve(import.meta.dirname, 'budgets.json'), 'utf8')) as {
  gzipBytes: Record<string, number>;
  firstRenderMs: Record<string, number>;
};
/** The large queue, and the small one it is compared with (issue 14: within 20%, ≤ 150 ms). */
const JOBS = 100_000;
const SMALL = 100;
/** Opens per size: single opens on a 2-core machine range over ±50 ms, so the median needs enough of them. */
const RUNS = 9;
/**
 * Pause after each seed, before measuring, for both sizes alike: IndexedDB compacts a bulk write
 * of 100,000 rows (~200 MB) in the background for a while, which a queue grown over months does not.
 */
const SETTLE_MS = 20_000;
const settle = (): Promise<void> => new Promise((done) => setTimeout(done, SETTLE_MS));

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

type Launched = Awaited<ReturnType<typeof launch>>;

/**
 * Milliseconds from navigation start until `selector` is in the DOM (and `text`, when given, matches
 * its text), recorded inside the page by an observer installed before the page's own scripts run,
 * then taken at the next frame. (Polling from the test after `goto` would add the load event and a
 * DevTools round trip to every number.)
 */
async function firstRender(
  browser: Launched,
  name: string,
  selector: string,
  text?: RegExp,
): Promise<number> {
  const page = await browser.context.newPage();
  // A string, not a function: tsx would wrap a function's inner helpers in `__name`, unknown in the page.
  await page.addInitScript(`(() => {
    const selector = ${JSON.stringify(selector)};
    const text = ${text ? text.toString() : 'null'};
    const check = () => {
      const el = document.querySelector(selector);
      if (!el || (text && !text.test(el.textContent))) return;
      observer.disconnect();
      requestAnimationFrame(() => { window.__benchSeenAt = performance.now(); });
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  })()`);
  await page.goto(`chrome-extension://${browser.extensionId}/${name}.html`);
  const ms = (await page.evaluate(`new Promise((done) => {
    const wait = () => (window.__benchSeenAt ? done(window.__benchSeenAt) : setTimeout(wait, 20));
    wait();
  })`)) as number;
  await page.close();
  return ms;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const STATUSES = ['completed', 'failed', 'canceled'] as const;

/**
 * Stores jobs `from`..`to` straight into the extension's database, generated inside the page from
 * one template row (100,000 rows would not fit through one evaluate call as JSON). The job-index
 * middleware (lib/db/job-index.ts) is not in this page, so the seed writes what it would have kept
 * in the same transactions: each job's search words (by the product's own rule, computed here) and
 * the count row of each status (tests/db/job-index.test.ts proves the middleware keeps them exact).
 */
async function seed(page: Page, from: number, to: number): Promise<void> {
  const template = makeJob({ progress: 100 }, 'Benchmark prompt number 0');
  const CHUNK = 10_000;
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    const words = Array.from({ length: end - start }, (_, k) =>
      jobSearchWords({ input: { text: `Benchmark prompt number ${start + k}` } }),
    );
    await page.evaluate(`(async ([template, start, end, words, statuses]) => {
      const db = await new Promise((done, fail) => {
        const req = indexedDB.open('sora-companion');
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });
      await new Promise((done, fail) => {
        const tx = db.transaction(['jobs', 'jobWords', 'jobCounts'], 'readwrite');
        const jobs = tx.objectStore('jobs');
        const index = tx.objectStore('jobWords');
        const counts = tx.objectStore('jobCounts');
        const added = {};
        for (let i = start; i < end; i++) {
          const text = 'Benchmark prompt number ' + i;
          const status = statuses[i % 3];
          added[status] = (added[status] || 0) + 1;
          jobs.put({ ...template, id: 'bench-' + i, seq: i + 1, status,
            input: { ...template.input, text }, request: { ...template.request, prompt: text } });
          index.put({ id: 'bench-' + i, words: words[i - start] });
        }
        for (const [status, n] of Object.entries(added)) {
          const read = counts.get(status);
          read.onsuccess = () => counts.put({ status, n: (read.result ? read.result.n : 0) + n });
        }
        tx.oncomplete = () => done();
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    })(${JSON.stringify([template, start, end, words, STATUSES])})`);
  }
}

/** Milliseconds from navigation until the queue filter shows its counts ("All (N)"). */
function countsRender(browser: Launched): Promise<number> {
  return firstRender(browser, 'sidepanel', '[data-testid="queue-filter"] option', /[(][0-9]+[)]/);
}

/** Milliseconds from typing a search until the one matching row is shown (queue tab). */
async function searchTime(page: Page, needle: string): Promise<number> {
  await page.getByTestId('tab-queue').click();
  await page.getByTestId('job-row').first().waitFor();
  return (await page.evaluate(`new Promise((done) => {
    const input = document.querySelector('[data-testid="queue-search"]');
    const started = performance.now();
    input.value = ${JSON.stringify(needle)};
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const check = () => {
      const rows = document.querySelectorAll('[data-testid="job-row"]');
      return rows.length === 1 && rows[0].textContent.includes(${JSON.stringify(needle)})
        ? done(performance.now() - started)
        : requestAnimationFrame(check);
    };
    check();
  })`)) as number;
}

/**
 * The side panel's first row and counts, median of RUNS opens each. One open first, not measured,
 * for both sizes alike: the first read after a bulk write of 100,000 rows measures the database
 * settling (compaction of what was just written), which no user queue of that size goes through.
 */
async function panelAt(browser: Launched): Promise<{ row: number; counts: number; popup: number }> {
  const row: number[] = [];
  const counts: number[] = [];
  // The control: the popup reads no database, so any change in it between sizes is the browser's.
  const popup: number[] = [];
  await firstRender(browser, 'sidepanel', '[data-testid="job-row"]');
  for (let i = 0; i < RUNS; i++) {
    row.push(await firstRender(browser, 'sidepanel', '[data-testid="job-row"]'));
    counts.push(await countsRender(browser));
    popup.push(await firstRender(browser, 'popup', '[data-testid="queue-summary"]'));
  }
  const round = (values: number[]) => values.map(Math.round);
  console.error('bench ui: runs', { row: round(row), counts: round(counts), popup: round(popup) });
  return { row: median(row), counts: median(counts), popup: median(popup) };
}

/** The UI benchmarks, as metric lines for bench/run.ts. */
export async function benchUi(): Promise<Metric[]> {
  const metrics = sizeMetrics();
  const sim = await startSim({ renderMs: 1_000 });
  const browser = await launch({ sim });
  const push = (name: string, ms: number, target: number): void => {
    if (ms > target) process.exitCode = 1;
    metrics.push({ name, value: Math.round(ms), unit: 'ms', target: `≤ ${target} ms` });
  };
  try {
    // Wait until the worker has created the database, then fill it.
    const options = await browser.openPage('options');
    await browser.serviceWorker();
    await new Promise((done) => setTimeout(done, 1_000));
    await seed(options, 0, SMALL);
    await settle();
    const small = await panelAt(browser);
    console.error(`bench ui: ${SMALL} jobs measured`, small);
    await seed(options, SMALL, JOBS);
    console.error(`bench ui: ${JOBS} jobs stored`);
    await settle();
    const large = await panelAt(browser);
    console.error(`bench ui: ${JOBS} jobs measured`, large);
    const panel = await browser.openPage('sidepanel');
    const search = await searchTime(panel, `number ${JOBS - 7}`);
    const big = JOBS.toLocaleString('en-US');
    const target = budgets.firstRenderMs.sidepanel100k ?? 150;
    push(`ui: side panel first row, ${SMALL} jobs (median of ${RUNS})`, small.row, target);
    push(
      `ui: side panel first row, ${big} jobs (median of ${RUNS})`,
      large.row,
      Math.min(target, small.row * 1.2 + 10),
    );
    push(`ui: side panel status counts, ${SMALL} jobs`, small.counts, target);
    push(
      `ui: side panel status counts, ${big} jobs`,
      large.counts,
      Math.min(target, small.counts * 1.2 + 10),
    );
    push(
      `ui: popup first render, ${SMALL} jobs (median of ${RUNS})`,
      small.popup,
      budgets.firstRenderMs.popup ?? 100,
    );
    push(
      `ui: popup first render, ${big} jobs (median of ${RUNS})`,
      large.popup,
      budgets.firstRenderMs.popup ?? 100,
    );
    push(`ui: prompt search over ${big} jobs`, search, budgets.firstRenderMs.search100k ?? 200);
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
