import { SoraDb } from '@/lib/db/schema';
import type { AccountStatus } from '@/lib/pipeline/context';
import { createTicker } from '@/lib/pipeline/tick';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/settings';
import { soraOnBoundary } from '@/lib/sora/neutral';
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
  // The fake is the Sora backend in its own terms; the pipeline sees it through the same translation
  // as the product (lib/sora/neutral.ts).
  const boundary = soraOnBoundary(fake.backend, { now: () => clock.now });
  const ticker = createTicker({
    db,
    backend: boundary,
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
  return { ...fake, boundary, db, clock, downloads, ticker, account, access, run, statuses };
}
