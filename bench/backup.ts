// Backup benchmarks in real Chromium against the simulator: throughput at the default ("polite")
// pace, and the worker's JS heap over a 1,000-item backup (sampled after a forced GC).
// BENCH_QUICK=1 uses fewer items to smoke-test the benchmark itself.
// The Videos API benchmark runs the library step in this process, on a fake IndexedDB.
import 'fake-indexeddb/auto';
import type { CDPSession, Page } from 'playwright-core';
import { type Browser, launch } from '../e2e/harness';
import { listFiles, waitFor } from '../e2e/wait';
import { type Sim, startSim } from '../sim';
import type { Metric } from './types';

const QUICK = process.env.BENCH_QUICK === '1';
const THROUGHPUT_ITEMS = QUICK ? 20 : 60;
const MEMORY_ITEMS = QUICK ? 150 : 1_000;

const mediaCount = (dir: string): number =>
  listFiles(dir).filter((f) => f.startsWith('Sora Companion Backup/') && f.endsWith('.mp4')).length;

async function session(drafts: number): Promise<{ sim: Sim; browser: Browser; page: Page }> {
  const sim = await startSim({});
  sim.library.seed({ drafts });
  const browser = await launch({ sim });
  await browser.signIn();
  const page = await browser.openPage('sidepanel');
  await page.getByTestId('tab-library').click();
  return { sim, browser, page };
}

async function start(page: Page, pace: 'polite' | 'fast'): Promise<void> {
  await page.getByTestId('backup-pace').selectOption(pace);
  await page.getByTestId('backup-start').click();
}

/** Items per minute and MB/s from the first saved file to the last, at the default pace. */
async function throughput(): Promise<Metric[]> {
  const { sim, browser, page } = await session(THROUGHPUT_ITEMS);
  try {
    await start(page, 'polite');
    await waitFor(() => mediaCount(browser.downloadDir) >= 1, 'the first file', 120_000);
    const first = Date.now();
    await waitFor(
      () => mediaCount(browser.downloadDir) >= THROUGHPUT_ITEMS,
      'every file',
      THROUGHPUT_ITEMS * 5_000,
    );
    const minutes = (Date.now() - first) / 60_000;
    const items = THROUGHPUT_ITEMS - 1;
    const bytes = items * sim.settings.mediaBytes;
    return [
      {
        name: `backup: items per minute (default pace, ${THROUGHPUT_ITEMS} drafts)`,
        value: Math.round(items / minutes),
        unit: 'items/min',
        target: '≈ 60 (1 start/s)',
      },
      {
        name: 'backup: throughput (default pace, 64 KB files)',
        value: +(bytes / 1e6 / (minutes * 60)).toFixed(3),
        unit: 'MB/s',
      },
    ];
  } finally {
    await browser.dispose();
    await sim.close();
  }
}

/** A CDP session into the service worker (flatten: false, the browser session relays its messages). */
async function workerHeap(browser: Browser): Promise<() => Promise<number>> {
  const cdp: CDPSession = await browser.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
  if (!sw) throw new Error('no service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
  let n = 0;
  const ask = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const id = ++n;
      const on = (e: { message: string }) => {
        const m = JSON.parse(e.message) as { id?: number; result?: Record<string, number> };
        if (m.id !== id) return;
        cdp.off('Target.receivedMessageFromTarget', on);
        resolve(m.result ?? {});
      };
      cdp.on('Target.receivedMessageFromTarget', on);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) });
    });
  return async () => {
    await ask('HeapProfiler.collectGarbage');
    return (await ask('Runtime.getHeapUsage')).usedSize ?? Number.NaN;
  };
}

/** Worker heap after GC at 10 % and at 100 % of a 1,000-item backup (flat = no per-item growth). */
async function memory(): Promise<Metric[]> {
  const { sim, browser, page } = await session(MEMORY_ITEMS);
  try {
    await start(page, 'fast');
    const heap = await workerHeap(browser);
    const samples: number[] = [];
    for (const share of [0.1, 0.4, 0.7, 1]) {
      const want = Math.ceil(MEMORY_ITEMS * share);
      await waitFor(() => mediaCount(browser.downloadDir) >= want, `${want} files`, MEMORY_ITEMS * 2_000);
      samples.push(await heap());
    }
    const mb = (b: number) => +(b / 1e6).toFixed(2);
    return [
      { name: `backup: worker heap at 10 % of ${MEMORY_ITEMS} items`, value: mb(samples[0]!), unit: 'MB' },
      { name: `backup: worker heap at 100 % of ${MEMORY_ITEMS} items`, value: mb(samples[3]!), unit: 'MB' },
      {
        name: 'backup: worker heap growth 10 % → 100 %',
        value: +(samples[3]! / samples[0]!).toFixed(2),
        unit: '×',
        target: '≤ 1.5 (flat)',
      },
    ];
  } finally {
    await browser.dispose();
    await sim.close();
  }
}

/**
 * A Videos API connection's backup at the default pace: the library step over the connection's own
 * client and the simulator, in this process (fake IndexedDB, a browser-like downloader that really
 * fetches `/content` with the key header), ticked at the library engine's interval.
 */
export async function videosApiThroughput(): Promise<Metric[]> {
  const { createVideosApiLibraryHarness } = await import('../tests/library/videos-api-harness');
  const { startBackup } = await import('../lib/library/backup');
  const h = await createVideosApiLibraryHarness({ seedVideos: THROUGHPUT_ITEMS, mediaBytes: 65_536 });
  try {
    await startBackup(h.db, h.source, { layout: 'kind', pace: 'polite' }, Date.now());
    const saved = () => [...h.downloads.files.keys()].filter((f) => f.endsWith('.mp4')).length;
    let first = 0;
    const deadline = Date.now() + THROUGHPUT_ITEMS * 5_000;
    while (saved() < THROUGHPUT_ITEMS) {
      if (Date.now() > deadline) throw new Error('the Videos API backup benchmark stalled');
      await h.tick();
      if (!first && saved() >= 1) first = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const minutes = (Date.now() - first) / 60_000;
    const items = THROUGHPUT_ITEMS - 1;
    return [
      {
        name: `backup: Videos API items per minute (default pace, ${THROUGHPUT_ITEMS} videos)`,
        value: Math.round(items / minutes),
        unit: 'items/min',
        target: '≈ 60 (1 start/s)',
      },
      {
        name: 'backup: Videos API throughput (default pace, 64 KB files)',
        value: +((items * 65_536) / 1e6 / (minutes * 60)).toFixed(3),
        unit: 'MB/s',
      },
    ];
  } finally {
    await h.close();
  }
}

/** Every backup benchmark. */
export async function benchBackup(): Promise<Metric[]> {
  return [...(await throughput()), ...(await videosApiThroughput()), ...(await memory())];
}
