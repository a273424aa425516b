import type { SoraDb } from '../db/schema';
import { errorCode, errorMessage, isBrowserShuttingDown } from '../errors';
import type { BackupDownloadsPort } from '../platform/backup-downloads';
import { activeRun } from './backup';
import { backupFileName, INDEX_FILE, jsonDataUrl } from './files';
import { planBackup } from './plan';
import { type BackupItemRow, type BackupRunRow, runSource } from './rows';
import { scanFinished, scanStep } from './scan';
import type { LibrarySource } from './source';
import { adoptTransfer, finishItem, INTENT_GRACE_MS, ITEM_MAX_ATTEMPTS, settleTransfer } from './transfer';
import { waitFor } from './waits';

/** The source of a scan or backup by its id (null: a connection since removed). */
export type SourceResolver = (id: string) => Promise<LibrarySource | null>;

/** A resolver for one source only (tests, benchmarks). */
export const onlySource =
  (source: LibrarySource): SourceResolver =>
  async (id) =>
    id === source.id ? source : null;

export interface LibraryDeps {
  db: SoraDb;
  sources: SourceResolver;
  downloads: BackupDownloadsPort;
  now: () => number;
  random: () => number;
  fetchThumbnail: (url: string | null) => Promise<Blob | null>;
  /** How long an intent waits before it is looked up (default INTENT_GRACE_MS; tests shorten it). */
  intentGraceMs?: number;
  pageGapMs?: number;
}

/** A tick that found the worker asleep longer than this counts only this much as active time. */
const MAX_TICK_GAP_MS = 5_000;
/** While signed out (or every key refused), the backup waits this long between tries. */
const SIGNED_OUT_WAIT_MS = 10_000;

const rowsIn = (db: SoraDb, runId: string, state: BackupItemRow['state']) =>
  db.backupItems.where('[runId+state]').equals([runId, state]);

/** Resolves a fresh link, records the file name, downloads, records the id — in that order. */
async function startItem(
  deps: LibraryDeps,
  source: LibrarySource,
  run: BackupRunRow,
  row: BackupItemRow,
): Promise<void> {
  const item = await deps.db.libraryItems.get(row.itemId);
  const now = deps.now();
  const fail = (state: 'failed' | 'gone', reason: string) =>
    deps.db.backupItems.update(row.id, { state, reason, finishedAt: now, downloadId: null });
  if (!item) return void (await fail('gone', 'It is no longer in the library.'));
  let file: Awaited<ReturnType<LibrarySource['file']>>;
  try {
    file = await source.file(item);
  } catch (error) {
    const wait = waitFor(error, row.attempts, deps.random);
    if (wait.auth) throw error;
    if (wait.gone) return void (await fail('gone', 'It was deleted from the account; it cannot be saved.'));
    const attempts = row.attempts + 1;
    if (wait.final || attempts >= ITEM_MAX_ATTEMPTS) return void (await fail('failed', wait.message));
    await deps.db.backupItems.update(row.id, { attempts, nextRunAt: now + wait.ms, state: 'waiting' });
    // The backend asked everyone to slow down: the whole backup waits, not only this item.
    await deps.db.backupRuns.update(run.id, { waitUntil: now + wait.ms });
    return;
  }
  if (!file) return void (await fail('failed', item.noFileReason ?? 'There is no file for it.'));
  const fileName = row.fileName ?? backupFileName(item, run.layout, file.extension);
  await deps.db.backupItems.update(row.id, {
    state: 'downloading',
    fileName,
    downloadId: null,
    nextRunAt: now + (deps.intentGraceMs ?? INTENT_GRACE_MS),
  });
  let downloadId: number;
  try {
    // The key header (a Videos API connection's) lives only in this call: never stored, never in the URL.
    downloadId = await deps.downloads.download({
      url: file.url,
      filename: fileName,
      ...(file.headers ? { headers: file.headers } : {}),
      ...(file.mediaHosts ? { mediaHosts: file.mediaHosts } : {}),
    });
  } catch (error) {
    return void (await downloadRefused(deps, row, error));
  }
  await deps.db.backupItems.update(row.id, { downloadId });
}

/**
 * `download()` threw. Our own refusal (`bad_response`: a host or name we will not save) fails the
 * item; the browser's (it is shutting down, say) leaves the intent to be looked up by its name after
 * the grace and started again, a few times at most.
 */
async function downloadRefused(deps: LibraryDeps, row: BackupItemRow, error: unknown): Promise<void> {
  if (isBrowserShuttingDown(error)) return; // not the item's fault: no attempt is spent on it
  const attempts = row.attempts + 1;
  const ours = errorCode(error, '') === 'bad_response';
  if (ours || attempts >= ITEM_MAX_ATTEMPTS) {
    const reason = errorMessage(error);
    await deps.db.backupItems.update(row.id, {
      state: 'failed',
      reason,
      finishedAt: deps.now(),
      downloadId: null,
    });
    return;
  }
  await deps.db.backupItems.update(row.id, { attempts });
}

/** Intents without an id (the worker stopped mid-start): adopt the browser's download or start again. */
async function recoverIntents(deps: LibraryDeps, run: BackupRunRow): Promise<void> {
  const now = deps.now();
  const rows = await rowsIn(deps.db, run.id, 'downloading')
    .filter((r) => r.downloadId === null)
    .toArray();
  for (const row of rows) {
    if (row.nextRunAt > now) continue;
    if (!(await adoptTransfer(deps, row))) await deps.db.backupItems.update(row.id, { state: 'waiting' });
  }
}

async function watch(deps: LibraryDeps, run: BackupRunRow): Promise<void> {
  for (const row of await rowsIn(deps.db, run.id, 'downloading').toArray())
    await settleTransfer(deps, run, row);
  for (const row of await rowsIn(deps.db, run.id, 'saved').toArray()) await finishItem(deps, row);
}

/** Starts items while there is room and the pace allows; one start per `paceMs`. */
async function startMore(deps: LibraryDeps, source: LibrarySource, runId: string): Promise<void> {
  for (;;) {
    const run = await deps.db.backupRuns.get(runId);
    const now = deps.now();
    if (run?.state !== 'running' || run.nextStartAt > now || run.waitUntil > now) return;
    const busy = await rowsIn(deps.db, runId, 'downloading').count();
    if (busy >= run.concurrency) return;
    const next = await rowsIn(deps.db, runId, 'waiting')
      .filter((r) => r.nextRunAt <= now)
      .first();
    if (!next) return;
    await deps.db.backupRuns.update(runId, { nextStartAt: now + run.paceMs });
    await startItem(deps, source, run, next);
  }
}

/** The index of the whole backup: every item any backup saved, with its files. */
async function writeIndex(deps: LibraryDeps): Promise<void> {
  const entries: Record<string, unknown>[] = [];
  await deps.db.backupItems
    .where('state')
    .equals('done')
    .each((row) => {
      entries.push({ id: row.itemId, kind: row.kind, file: row.fileName, bytes: row.bytes });
    });
  const items = await deps.db.libraryItems.bulkGet(entries.map((e) => e.id as string));
  const index = entries.map((entry, i) => ({
    ...entry,
    prompt: items[i]?.prompt ?? null,
    createdAt: items[i] ? new Date(items[i]!.createdAt).toISOString() : null,
  }));
  const body = {
    format: 'sora-companion-backup/1',
    writtenAt: new Date(deps.now()).toISOString(),
    items: index,
  };
  await deps.downloads.download({ url: jsonDataUrl(body), filename: INDEX_FILE, conflict: 'overwrite' });
}

async function finishIfDone(deps: LibraryDeps, run: BackupRunRow): Promise<boolean> {
  for (const state of ['waiting', 'downloading', 'saved'] as const)
    if ((await rowsIn(deps.db, run.id, state).count()) > 0) return false;
  await writeIndex(deps);
  await deps.db.backupRuns.update(run.id, { state: 'done', finishedAt: deps.now() });
  return true;
}

/** A canceled backup's downloads are canceled too, so no partial file stays behind. */
async function dropCanceled(deps: LibraryDeps): Promise<void> {
  for (const row of await deps.db.backupItems.where('state').equals('downloading').toArray()) {
    const run = await deps.db.backupRuns.get(row.runId);
    if (run && run.state !== 'canceled') continue;
    const info = row.downloadId === null ? null : await deps.downloads.get(row.downloadId);
    if (row.downloadId !== null && info?.state !== 'complete') await deps.downloads.cancel(row.downloadId);
    await deps.db.backupItems.update(row.id, { state: 'failed', reason: 'The backup was canceled.' });
  }
}

function accountTime(run: BackupRunRow, now: number): Partial<BackupRunRow> {
  const gap = run.lastTickAt === null ? 0 : Math.min(MAX_TICK_GAP_MS, Math.max(0, now - run.lastTickAt));
  return { activeMs: run.activeMs + gap, lastTickAt: now };
}

/** A run whose connection was removed: what waits is listed as failed; what downloads finishes. */
async function abandonWaiting(deps: LibraryDeps, run: BackupRunRow): Promise<void> {
  await rowsIn(deps.db, run.id, 'waiting').modify({
    state: 'failed',
    reason: 'Its connection was removed, so it cannot be saved.',
    finishedAt: deps.now(),
  });
}

async function runStep(deps: LibraryDeps, run: BackupRunRow): Promise<void> {
  const source = await deps.sources(runSource(run));
  // No host permission (revoked, or forgotten by a browser restart): nothing is asked until it is back.
  const blocked = (await source?.blocked?.()) ?? null;
  if (blocked !== null) {
    if (run.message !== blocked)
      await deps.db.backupRuns.update(run.id, { message: blocked, lastTickAt: null });
    return;
  }
  if (run.state === 'listing') {
    if (run.scanId && !(await scanFinished(deps.db, run.scanId))) return;
    await planBackup(deps.db, run, deps.now());
  }
  await recoverIntents(deps, run);
  await watch(deps, run);
  if (run.state === 'paused') return;
  await deps.db.backupRuns.update(run.id, { ...accountTime(run, deps.now()), message: null });
  if (source) await startMore(deps, source, run.id);
  else await abandonWaiting(deps, run);
  await finishIfDone(deps, run);
}

/** Whether some list is still being walked (a refresh, or a backup's listing). */
async function scanning(deps: LibraryDeps, paused: string | null): Promise<boolean> {
  const rows = await deps.db.libraryScans.filter((r) => r.state === 'scanning').toArray();
  const scan = rows.find((r) => r.scanId !== paused);
  if (!scan) return false;
  const source = await deps.sources(scan.source);
  if (!source) {
    const error = 'Its connection was removed.';
    await deps.db.libraryScans
      .where('scanId')
      .equals(scan.scanId)
      .modify({ state: 'failed', error, finishedAt: deps.now() });
    return true;
  }
  if ((await source.blocked?.()) != null) return true;
  await scanStep({ ...deps, source }, scan.scanId);
  return true;
}

/**
 * One step of the library's work: read the next list page, settle and start downloads, finish the
 * backup. Separate from the job pipeline: its own engine runs it, the same alarm and events wake it.
 */
export function createLibraryTicker(deps: LibraryDeps): { tick: () => Promise<{ active: boolean }> } {
  let signedOutUntil = 0;
  return {
    async tick() {
      if (deps.now() < signedOutUntil) return { active: true };
      try {
        await dropCanceled(deps);
        const run = await activeRun(deps.db);
        const busyScanning = await scanning(deps, run?.state === 'paused' ? run.scanId : null);
        if (run) await runStep(deps, (await deps.db.backupRuns.get(run.id)) ?? run);
        const still = await activeRun(deps.db);
        return {
          active:
            busyScanning || (still !== null && still.state !== 'paused') || (await pausedBusy(deps, still)),
        };
      } catch (error) {
        if (!waitFor(error, 0, deps.random).auth) throw error;
        signedOutUntil = deps.now() + SIGNED_OUT_WAIT_MS;
        const run = await activeRun(deps.db);
        const source = run ? await deps.sources(runSource(run)) : null;
        const message = source?.authMessage ?? 'The credentials were refused: the backup waits.';
        if (run) await deps.db.backupRuns.update(run.id, { message, lastTickAt: null });
        return { active: true };
      }
    },
  };
}

/** A paused backup keeps ticking only while files it started are still downloading. */
async function pausedBusy(deps: LibraryDeps, run: BackupRunRow | null): Promise<boolean> {
  return run !== null && (await rowsIn(deps.db, run.id, 'downloading').count()) > 0;
}
