import type { SoraDb } from '../db/schema';
import { type BackupLayout, type BackupRunRow, BackupRunRowSchema } from './rows';
import { startScan } from './scan';
import type { LibrarySource } from './source';

/** Polite by default: one start a second, two files at a time. `fast` is for small accounts and tests. */
export const PACES = {
  polite: { paceMs: 1_000, concurrency: 2 },
  fast: { paceMs: 100, concurrency: 3 },
} as const;
export type Pace = keyof typeof PACES;

export interface StartOptions {
  layout: BackupLayout;
  pace: Pace;
  /** Item ids; empty or absent = everything. */
  itemIds?: readonly string[];
}

/** The backup that is not finished (at most one at a time), or null. */
export async function activeRun(db: SoraDb): Promise<BackupRunRow | null> {
  const runs = await db.backupRuns.where('state').anyOf('listing', 'running', 'paused').toArray();
  return runs.sort((a, b) => b.createdAt - a.createdAt)[0] ?? null;
}

/**
 * Starts a backup. "Everything" first walks the account's lists again, so a second backup sees what
 * is new; a selection uses the items as listed. Refused while another backup is unfinished.
 */
export async function startBackup(
  db: SoraDb,
  source: LibrarySource,
  options: StartOptions,
  now: number,
): Promise<{ runId: string } | { error: string }> {
  if (await activeRun(db)) return { error: 'A backup is already running; pause or cancel it first.' };
  const selection = options.itemIds && options.itemIds.length > 0 ? [...options.itemIds] : null;
  const scanId = selection ? null : await startScan(db, source, now);
  const run: BackupRunRow = {
    id: `backup-${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`,
    source: source.id,
    createdAt: now,
    state: 'listing',
    resumeTo: null,
    layout: options.layout,
    ...PACES[options.pace],
    selection,
    scanId,
    bytes: 0,
    activeMs: 0,
    lastTickAt: null,
    nextStartAt: 0,
    waitUntil: 0,
    skipped: 0,
    message: null,
    finishedAt: null,
  };
  await db.backupRuns.add(BackupRunRowSchema.parse(run));
  return { runId: run.id };
}

/** Pause: nothing new starts; files already downloading finish. */
export async function pauseBackup(db: SoraDb): Promise<boolean> {
  const run = await activeRun(db);
  if (run?.state !== 'listing' && run?.state !== 'running') return false;
  await db.backupRuns.update(run.id, { state: 'paused', resumeTo: run.state, lastTickAt: null });
  return true;
}

export async function resumeBackup(db: SoraDb): Promise<boolean> {
  const run = await activeRun(db);
  if (run?.state !== 'paused') return false;
  await db.backupRuns.update(run.id, { state: run.resumeTo ?? 'running', resumeTo: null, waitUntil: 0 });
  return true;
}

/** Cancel: the run stops; downloads in flight are canceled by the next step (no partial file stays). */
export async function cancelBackup(db: SoraDb, now: number): Promise<boolean> {
  const run = await activeRun(db);
  if (!run) return false;
  await db.backupRuns.update(run.id, { state: 'canceled', finishedAt: now });
  return true;
}

/** Retry failed or gone items of the latest backup (a retry is one more honest try, not a loop). */
export async function retryItems(db: SoraDb, itemIds: readonly string[], now: number): Promise<number> {
  const run = (await activeRun(db)) ?? (await db.backupRuns.orderBy('createdAt').last()) ?? null;
  if (!run) return 0;
  let changed = 0;
  await db.transaction('rw', db.backupItems, db.backupRuns, async () => {
    for (const itemId of itemIds) {
      const n = await db.backupItems
        .where('runId')
        .equals(run.id)
        .filter((r) => r.itemId === itemId && (r.state === 'failed' || r.state === 'gone'))
        .modify({ state: 'waiting', attempts: 0, nextRunAt: now, reason: null, finishedAt: null });
      changed += n;
    }
    if (changed > 0 && (run.state === 'done' || run.state === 'canceled'))
      await db.backupRuns.update(run.id, { state: 'running', finishedAt: null, waitUntil: 0 });
  });
  return changed;
}
