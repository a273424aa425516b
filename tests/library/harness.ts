import { SoraDb } from '@/lib/db/schema';
import { createLibraryTicker, onlySource } from '@/lib/library/backup-step';
import { createSoraLibrarySource } from '@/lib/library/sora-source';
import type { BackupDownloadsPort } from '@/lib/platform/backup-downloads';
import { type Sim, startSim } from '@/sim';
import { simStack } from '../sora/sim-stack';
import { createBrowserLikeDownloads } from './browser-downloads';

/**
 * The library step over the real client against the simulator, a browser-like downloader and a
 * fresh database. `restart()` is a worker stop: a new ticker with nothing in memory.
 */
export async function createLibraryHarness(settings: Parameters<typeof startSim>[0] = {}) {
  const sim: Sim = await startSim(settings);
  const stack = await simStack(sim);
  const db = new SoraDb(`library-${crypto.randomUUID()}`);
  const downloads = createBrowserLikeDownloads((url, init) => stack.f(url, init));
  const source = createSoraLibrarySource(stack.client);
  const port: BackupDownloadsPort = { ...downloads.port };
  const make = () =>
    createLibraryTicker({
      db,
      sources: onlySource(source),
      downloads: port,
      now: () => Date.now(),
      random: () => 0.5,
      fetchThumbnail: async (url) => (url ? new Blob(['png'], { type: 'image/png' }) : null),
      intentGraceMs: 50,
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
  /** Ticks until `done()` holds (or fails after `ms`). */
  const until = async (done: () => Promise<boolean>, ms = 30_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!(await done())) {
      if (Date.now() > end) throw new Error('timed out waiting for the library step');
      await tick();
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
  return { sim, db, downloads, port, source, tick, until, restart, errors, close };
}
