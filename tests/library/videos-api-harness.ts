import type { ApiKey, KeyRing } from '@/lib/backends/keyring';
import { SoraDb } from '@/lib/db/schema';
import { createLibraryTicker, onlySource } from '@/lib/library/backup-step';
import { createVideosApiLibrarySource } from '@/lib/library/videos-api-source';
import type { BackupDownloadsPort } from '@/lib/platform/backup-downloads';
import { createSimFetch } from '@/sim';
import { startVideosApiSim } from '@/sim/backends';
import type { VideosApiSimOptions } from '@/sim/videos-api/types';
import { simDeps } from '../backends/helpers';
import { createBrowserLikeDownloads } from './browser-downloads';

/** The connection's keys in memory, in turn, as lib/connections/keyring.ts serves them. */
export function memoryKeyRing(keys: ApiKey[]): KeyRing & { made: Map<string, string> } {
  const made = new Map<string, string>();
  let turn = 0;
  const ring = {
    made,
    next: async () => keys[turn++ % keys.length] ?? null,
    forTask: async (taskId: string) => keys.find((k) => k.id === made.get(taskId)) ?? ring.next(),
    all: async () => [...keys],
    remember: async (taskId: string, keyId: string) => void made.set(taskId, keyId),
    setAside: async () => undefined,
  };
  return ring;
}

export const CONNECTION_ID = 'conn_00000000000000aa';

/**
 * The library step over a Videos API connection against its simulator, a browser-like downloader
 * and a fresh database. `clock.t` is the step's time when `manualClock` is set (Retry-After tests).
 */
export async function createVideosApiLibraryHarness(
  simOptions: VideosApiSimOptions = {},
  options: { manualClock?: boolean } = {},
) {
  const sim = await startVideosApiSim({ mediaBytes: 2_048, ...simOptions });
  const http = simDeps(sim);
  const f = createSimFetch(sim);
  const db = new SoraDb(`library-videos-${crypto.randomUUID()}`);
  const downloads = createBrowserLikeDownloads((url, init) => f(url, init));
  // A copy the tests may patch (a browser that throws on download()).
  const port: BackupDownloadsPort = { ...downloads.port };
  const keys = memoryKeyRing(sim.settings.keys.map((secret, i) => ({ id: `key_${i}`, secret })));
  const access = { granted: true };
  const clock = { t: Date.now() };
  const now = () => (options.manualClock ? clock.t : Date.now());
  const connection = {
    id: CONNECTION_ID,
    baseUrl: sim.baseUrl,
    authHeader: 'bearer' as const,
    concurrency: 2,
  };
  const source = createVideosApiLibrarySource(connection, {
    http: { ...http, now },
    keys,
    hasAccess: async () => access.granted,
  });
  const make = () =>
    createLibraryTicker({
      db,
      sources: onlySource(source),
      downloads: port,
      now,
      random: () => 0.5,
      fetchThumbnail: async () => null,
      intentGraceMs: 50,
      pageGapMs: 0,
    });
  let ticker = make();
  const errors: unknown[] = [];
  const tick = async (): Promise<boolean> => {
    try {
      const { active } = await ticker.tick();
      await downloads.settled();
      return active;
    } catch (error) {
      errors.push(error);
      return true;
    }
  };
  const until = async (done: () => Promise<boolean>, ms = 30_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > end) throw new Error('timed out waiting for the library step');
      await tick();
      if (options.manualClock) clock.t += 1_000;
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const restart = (): void => {
    ticker = make();
  };
  const close = async (): Promise<void> => {
    db.close();
    await sim.close();
  };
  return { sim, db, downloads, port, keys, source, access, clock, tick, until, restart, errors, close };
}
