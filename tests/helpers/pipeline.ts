import { SoraDb } from '@/lib/db/schema';
import type { AccountStatus } from '@/lib/pipeline/context';
import { createTicker } from '@/lib/pipeline/tick';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/settings';
import { createFakeBackend } from './fake-backend';
import { createFakeDownloads } from './fake-downloads';

/**
 * The pipeline wired to a fake backend, fake downloads and a fresh database, on a clock the test
 * drives: `run(ms)` advances it and ticks, completing downloads as the browser would.
 */
export function createPipelineHarness(settings: Partial<Settings> = {}, renderMs = 10_000) {
  const clock = { now: 1_000_000 };
  const db = new SoraDb(`pipeline-${crypto.randomUUID()}`);
  const fake = createFakeBackend(
    {
      now: () => clock.now,
      advance: (ms) => {
        clock.now += ms;
      },
    },
    renderMs,
  );
  const downloads = createFakeDownloads();
  const account: AccountStatus[] = [];
  const access = { granted: true };
  const ticker = createTicker({
    db,
    backend: fake.backend,
    downloads: downloads.port,
    settings: async () => ({ ...DEFAULT_SETTINGS, ...settings }),
    now: () => clock.now,
    random: () => 0.5,
    publishAccount: async (status) => {
      account.push(status);
    },
    hasHostAccess: async () => access.granted,
    fetchThumbnail: async (url) => (url ? new Blob([`thumb of ${url}`], { type: 'image/png' }) : null),
  });
  const run = async (ms: number, step = 1_000): Promise<void> => {
    for (let elapsed = 0; elapsed < ms; elapsed += step) {
      clock.now += step;
      await ticker.tick();
      downloads.complete();
    }
  };
  const statuses = async (): Promise<string[]> =>
    (await db.jobs.orderBy('seq').toArray()).map((j) => j.status);
  return { ...fake, db, clock, downloads, ticker, account, access, run, statuses };
}
