// Makespan at a connection's cap on the Videos API simulator (issue 13): 12 jobs through the real
// pipeline, its Videos API backend and key ring, on the fake browser's storage in this process (no
// Chromium: the connection's downloads are the pipeline's fake). The render time is not a multiple
// of the poll interval, so results land between polls as they do for real.
import 'fake-indexeddb/auto';
import { fakeBrowser } from 'wxt/testing';
import type { Metric } from './types';

const JOBS = 12;
const CAP = 3;
const RENDER_MS = 20_300;
const POLL_MS = 3_000;

export async function benchVideosApi(): Promise<Metric[]> {
  Object.assign(globalThis, { chrome: fakeBrowser, browser: fakeBrowser });
  const { startVideosApiSim } = await import('../sim/backends');
  const { createSimFetch } = await import('../sim');
  const { createConnectionStore } = await import('../lib/connections/store');
  const { backendFor } = await import('../lib/background/connection-tickers');
  const { connectionRequest } = await import('../lib/background/connection-request');
  const { queueEntries } = await import('../lib/background/enqueue');
  const { SoraDb } = await import('../lib/db/schema');
  const { createTicker } = await import('../lib/pipeline/tick');
  const { DEFAULT_SETTINGS } = await import('../lib/settings/settings');
  const { createFakeDownloads } = await import('../tests/helpers/fake-downloads');

  const sim = await startVideosApiSim({ renderMs: RENDER_MS, concurrencyPerKey: 10, pollAfterMs: 0 });
  try {
    const store = createConnectionStore();
    const added = await store.add({
      kind: 'videos-api',
      baseUrl: sim.baseUrl,
      keys: sim.settings.keys.join('\n'),
      concurrency: CAP,
    });
    if (!added.ok) throw new Error('the connection was refused');
    const simFetch = createSimFetch(sim);
    const http = { fetch: simFetch, now: () => Date.now(), log: () => undefined, timeoutMs: 25_000 };
    const db = new SoraDb(`bench-videos-${Date.now()}`);
    const downloads = createFakeDownloads();
    const ticker = createTicker({
      db,
      backend: backendFor(added.connection, http, store),
      downloads: downloads.port,
      settings: async () => ({ ...DEFAULT_SETTINGS, concurrency: CAP, pollIntervalSec: POLL_MS / 1000 }),
      now: () => Date.now(),
      random: Math.random,
      publishAccount: async () => undefined,
      fetchThumbnail: async () => null,
      hasHostAccess: async () => true,
    });
    const entries = Array.from({ length: JOBS }, (_, i) => {
      const text = `Videos API benchmark clip ${i + 1}`;
      const made = connectionRequest({ text, model: 'sora-2' }, added.connection);
      if (!made.ok) throw new Error(made.message);
      return {
        input: { text, model: 'sora-2', backendId: added.connection.id },
        request: made.request,
        count: 1,
      };
    });
    const start = Date.now();
    await queueEntries(db, entries, { now: start });
    // The engine's rhythm: a tick, then the poll interval.
    for (;;) {
      await ticker.tick();
      downloads.complete();
      const done = await db.jobs.where('status').equals('completed').count();
      if (done === JOBS) break;
      if (Date.now() - start > 10 * 60_000) throw new Error('the Videos API benchmark stalled');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const makespan = Date.now() - start;
    const ideal = Math.ceil(JOBS / CAP) * RENDER_MS;
    return [
      {
        name: `videos-api: makespan / ideal (${JOBS} jobs, cap ${CAP})`,
        value: Number((makespan / ideal).toFixed(3)),
        unit: 'x',
        target: '≤ 1.15',
      },
    ];
  } finally {
    await sim.close();
  }
}
