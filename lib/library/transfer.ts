import { backoffDelay, DEFAULT_BACKOFF } from '../backend/backoff';
import type { SoraDb } from '../db/schema';
import { escapeRegExp } from '../pipeline/filename';
import type { BackupDownloadsPort } from '../platform/backup-downloads';
import { itemSidecar, jsonDataUrl, sidecarName } from './files';
import type { BackupItemRow, BackupRunRow } from './rows';

export interface TransferDeps {
  db: SoraDb;
  downloads: BackupDownloadsPort;
  now: () => number;
  random: () => number;
}

/** Attempts per item before it is listed as failed (each one re-resolves the link). */
export const ITEM_MAX_ATTEMPTS = DEFAULT_BACKOFF.maxAttempts;
/**
 * A recorded intent is looked up only this long after it was made: right after `download()` the
 * browser may not have named the file yet, and an early search would miss it.
 */
export const INTENT_GRACE_MS = 5_000;

/** `name.mp4` or a browser-uniquified `name (1).mp4`, at the end of the full path. */
export function namePattern(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  return `${escapeRegExp(stem)}( \\(\\d+\\))?${escapeRegExp(ext)}$`;
}

/**
 * The sidecar, then the row is done — once the browser has written the sidecar, not when it was
 * asked to: a browser closed mid-write leaves it interrupted, and it is written again (overwrite). The
 * sidecar's download id is kept in `downloadId` while the row is `saved` (the file's is no longer needed).
 */
async function finishItem(deps: TransferDeps, row: BackupItemRow): Promise<void> {
  if (row.downloadId !== null) {
    const info = await deps.downloads.get(row.downloadId);
    if (info?.state === 'in_progress') return;
    if (info?.state === 'complete') {
      await deps.db.backupItems.update(row.id, { state: 'done', downloadId: null, finishedAt: deps.now() });
      return;
    }
  }
  const item = await deps.db.libraryItems.get(row.itemId);
  if (!item || !row.fileName) {
    await deps.db.backupItems.update(row.id, { state: 'done', downloadId: null, finishedAt: deps.now() });
    return;
  }
  const url = jsonDataUrl(itemSidecar(item, row.fileName));
  const id = await deps.downloads.download({
    url,
    filename: sidecarName(row.fileName),
    conflict: 'overwrite',
  });
  await deps.db.backupItems.update(row.id, { downloadId: id });
}

/** A broken download: resumed where the browser can, otherwise dropped and tried again with a fresh link. */
async function retryTransfer(deps: TransferDeps, row: BackupItemRow, canResume: boolean, why: string) {
  const attempts = row.attempts + 1;
  if (canResume && row.downloadId !== null && attempts < ITEM_MAX_ATTEMPTS) {
    await deps.downloads.resume(row.downloadId).catch(() => undefined);
    await deps.db.backupItems.update(row.id, { attempts });
    return;
  }
  if (row.downloadId !== null) await deps.downloads.forget(row.downloadId);
  const delay = backoffDelay(attempts, DEFAULT_BACKOFF, deps.random);
  const failed = delay === null;
  await deps.db.backupItems.update(row.id, {
    state: failed ? 'failed' : 'waiting',
    downloadId: null,
    attempts,
    nextRunAt: deps.now() + (delay ?? 0),
    reason: failed ? `The download kept failing (${why}).` : null,
    finishedAt: failed ? deps.now() : null,
  });
}

/** Moves one downloading item on from what the browser says about its download. */
export async function settleTransfer(
  deps: TransferDeps,
  run: BackupRunRow,
  row: BackupItemRow,
): Promise<void> {
  if (row.downloadId === null) return;
  const info = await deps.downloads.get(row.downloadId);
  if (info?.state === 'in_progress') return;
  if (info?.state === 'complete') {
    const bytes = (await deps.downloads.size(row.downloadId)) ?? 0;
    await deps.db.transaction('rw', deps.db.backupItems, deps.db.backupRuns, async () => {
      await deps.db.backupItems.update(row.id, { state: 'saved', bytes, downloadId: null });
      const current = await deps.db.backupRuns.get(run.id);
      if (current) await deps.db.backupRuns.update(run.id, { bytes: current.bytes + bytes });
    });
    await finishItem(deps, { ...row, state: 'saved', bytes, downloadId: null });
    return;
  }
  await retryTransfer(deps, row, info?.canResume ?? false, info?.error ?? 'the download disappeared');
}

/**
 * After the worker stopped between `download()` and saving its id: adopt the download the browser
 * has under the item's unique name. Returns false when there is none (the item is started again).
 */
export async function adoptTransfer(deps: TransferDeps, row: BackupItemRow): Promise<boolean> {
  if (!row.fileName) return false;
  const found = await deps.downloads.findByName(namePattern(row.fileName));
  const best = found.find((d) => d.state !== 'interrupted') ?? found[0];
  if (!best) return false;
  await deps.db.backupItems.update(row.id, { downloadId: best.id });
  return true;
}

export { finishItem };
