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
  // No data moves: new tables only, so there is no upgrade function (v1 rows stay exactly as they were).
};
