import { Dexie, type EntityTable } from 'dexie';
import type { BackupItemRow, BackupRunRow, LibraryItemRow, LibraryScanRow } from '../library/rows';
import type { JobRow } from '../queue/job';
import { type JobCountRow, type JobWordsRow, jobIndexMiddleware } from './job-index';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/types';
import type { BatchRow, CharacterRow, EventRow, InputRow, RequestLogRow, ResultRow } from './rows';

export type { BatchRow, CharacterRow, EventRow, InputRow, RequestLogRow, ResultRow } from './rows';

export const DB_NAME = 'sora-companion';

/** The extension's one database; the background writes, pages read live. */
export class SoraDb extends Dexie {
  jobs!: EntityTable<JobRow, 'id'>;
  batches!: EntityTable<BatchRow, 'id'>;
  results!: EntityTable<ResultRow, 'jobId'>;
  inputs!: EntityTable<InputRow, 'id'>;
  characters!: EntityTable<CharacterRow, 'characterId'>;
  events!: EntityTable<EventRow, 'id'>;
  requestLog!: EntityTable<RequestLogRow, 'id'>;
  // v2: the library and backups (issue 15).
  libraryItems!: EntityTable<LibraryItemRow, 'id'>;
  libraryScans!: EntityTable<LibraryScanRow, 'list'>;
  backupRuns!: EntityTable<BackupRunRow, 'id'>;
  backupItems!: EntityTable<BackupItemRow, 'id'>;
  // v4: kept by the job-index middleware (issue 14: counts and search at 100,000 jobs).
  jobCounts!: EntityTable<JobCountRow, 'status'>;
  jobWords!: EntityTable<JobWordsRow, 'id'>;

  /** `migrations` is for tests that build an older version; the product always uses all of them. */
  constructor(name = DB_NAME, migrations: readonly Migration[] = MIGRATIONS) {
    super(name);
    for (const migration of migrations) {
      const version = this.version(migration.version).stores(migration.stores);
      if (migration.upgrade) version.upgrade(migration.upgrade);
    }
    // Counts per status and search words change in the same transaction as the jobs they describe.
    this.use(jobIndexMiddleware);
  }
}

/**
 * Opens the database (one per context). Pages pass `onVersionChange` to reload when a newer
 * worker upgrades the schema, so an old connection never blocks the upgrade.
 */
export function openDb(name = DB_NAME, onVersionChange?: () => void): SoraDb {
  const db = new SoraDb(name);
  if (onVersionChange) {
    db.on('versionchange', () => {
      db.close();
      onVersionChange();
      return false;
    });
  }
  return db;
}
