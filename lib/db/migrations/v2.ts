import type { Migration } from './types';

/**
 * The library and backups (issue 15): the account's items as last listed, the walk of each list,
 * and each backup with one row per item. New tables only; every v1 row is kept as it is.
 */
export const v2: Migration = {
  version: 2,
  stores: {
    libraryItems: 'id, kind, createdAt, origin, seenScan, generationId',
    libraryScans: 'list, scanId',
    backupRuns: 'id, createdAt, state',
    backupItems: 'id, runId, itemId, state, [runId+state]',
  },
  // No data moves; the upgrade checks that the v1 tables it keeps are still there, so a database
  // damaged some other way stops the upgrade (and keeps its data) instead of opening half-made.
  upgrade: async (tx) => {
    for (const table of ['jobs', 'results', 'batches']) {
      if (!tx.storeNames.includes(table))
        throw new Error(`The database has no ${table} table; upgrade stopped.`);
    }
  },
};
