import type { SoraDb } from '../db/schema';
import { type BackupItemRow, type BackupRunRow, backupItemKey, type LibraryItemRow, runSource } from './rows';

/** Item ids some earlier backup saved: a later backup skips them (it saves only what is new). */
async function savedBefore(db: SoraDb): Promise<Set<string>> {
  const ids = new Set<string>();
  await db.backupItems
    .where('state')
    .equals('done')
    .each((row) => ids.add(row.itemId));
  return ids;
}

function rowFor(run: BackupRunRow, item: LibraryItemRow, now: number): BackupItemRow {
  // An item with no file is recorded with its reason at once; it never holds up the rest.
  const refused = item.noFileReason !== null;
  return {
    id: backupItemKey(run.id, item.id),
    runId: run.id,
    itemId: item.id,
    kind: item.kind,
    state: refused ? 'failed' : 'waiting',
    fileName: null,
    downloadId: null,
    attempts: 0,
    nextRunAt: now,
    bytes: 0,
    reason: item.noFileReason,
    finishedAt: refused ? now : null,
  };
}

/** Turns the source's listed library (or the selection) into the backup's rows, oldest first; returns the count. */
export async function planBackup(db: SoraDb, run: BackupRunRow, now: number): Promise<number> {
  const saved = await savedBefore(db);
  const wanted = run.selection ? new Set(run.selection) : null;
  const source = runSource(run);
  // Everything = everything this run's source holds; the other sources' items wait for their own run.
  const items = (await db.libraryItems.orderBy('createdAt').toArray()).filter(
    (item) => item.source === source && (wanted ? wanted.has(item.id) : item.goneAt === null),
  );
  const fresh = items.filter((item) => !saved.has(item.id));
  await db.transaction('rw', db.backupItems, db.backupRuns, async () => {
    await db.backupItems.bulkPut(fresh.map((item) => rowFor(run, item, now)));
    await db.backupRuns.update(run.id, { state: 'running', skipped: items.length - fresh.length });
  });
  return fresh.length;
}
