import type { SoraDb } from '../db/schema';
import { errorMessage } from '../errors';
import { createLibraryTicker, type SourceResolver } from '../library/backup-step';
import { createEngine } from '../pipeline/engine';
import { createBackupDownloads } from '../platform/backup-downloads';
import type { DownloadsPort } from '../platform/downloads';
import { maskText } from '../sora/mask';

/** How often the library step runs while it has work (downloads finishing also wake it at once). */
const LIBRARY_INTERVAL_MS = 500;

export interface LibraryServices {
  /** The Sora session's library or a Videos API connection's, by id. */
  sources: SourceResolver;
  kick: () => Promise<void>;
}

/** The library's own engine over the same database and downloader as the queue. */
export function createLibraryServices(deps: {
  db: SoraDb;
  sources: SourceResolver;
  downloads: DownloadsPort;
  opened: Promise<string | null>;
  now: () => number;
  fetchThumbnail: (url: string | null) => Promise<Blob | null>;
}): LibraryServices {
  const ticker = createLibraryTicker({
    db: deps.db,
    sources: deps.sources,
    downloads: createBackupDownloads(deps.downloads),
    now: deps.now,
    random: Math.random,
    fetchThumbnail: deps.fetchThumbnail,
  });
  const engine = createEngine({
    // A database that failed to open or upgrade stops the backup as it stops the queue.
    tick: async () => ((await deps.opened) !== null ? { active: false } : ticker.tick()),
    intervalMs: async () => LIBRARY_INTERVAL_MS,
    onError: (error) => console.warn('[sora-companion] library step failed:', maskText(errorMessage(error))),
    setTimer: (fn, ms) => setTimeout(fn, ms),
  });
  return { sources: deps.sources, kick: engine.kick };
}
