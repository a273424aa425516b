import type { JobError } from '../queue/job';
import { transition } from '../queue/transition';
import type { SoraDb } from './schema';

/** What a job says when the browser had no room to save its progress (shown in its row). */
export const STORAGE_FULL: JobError = {
  code: 'storage_full',
  message:
    'The browser ran out of storage space while saving this job, so it was stopped. Free some disk space, then retry the job.',
};

/**
 * True for a storage-full failure: `QuotaExceededError` itself, or Dexie's `AbortError` whose `inner`
 * (or a `cause`) is one — a transaction aborted by the quota surfaces that way.
 */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner ?? cause;
  }
  return false;
}

/** Thrown after a job was failed for lack of space, so its step stops (the job is terminal now). */
export class StorageFullError extends Error {
  readonly code = STORAGE_FULL.code;
  constructor(cause: unknown) {
    super(STORAGE_FULL.message, { cause });
    this.name = 'StorageFullError';
  }
}

/**
 * After a write for job `id` failed on the quota (its transaction rolled back, so no partial row):
 * makes room by dropping the request log (diagnostics only), then marks the job failed. Never throws:
 * when even that cannot be saved there is nothing more to do.
 */
export async function failForStorage(db: SoraDb, id: string, now: number): Promise<void> {
  await db.requestLog.clear().catch(() => undefined);
  const fail = (withEvent: boolean): Promise<void> =>
    db.transaction('rw', db.jobs, db.events, async () => {
      const current = await db.jobs.get(id);
      const next = current ? transition(current, { type: 'fail', error: STORAGE_FULL }, now) : null;
      if (!next) return;
      await db.jobs.put(next);
      if (withEvent)
        await db.events.add({
          jobId: id,
          at: now,
          type: 'fail',
          status: next.status,
          detail: STORAGE_FULL.message,
        });
    });
  await fail(true).catch(() => fail(false).catch(() => undefined));
}

/** Runs a write for job `id`; a quota failure fails the job (see above) and throws StorageFullError. */
export async function guardStorage<T>(
  db: SoraDb,
  id: string,
  now: number,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await failForStorage(db, id, now);
    throw new StorageFullError(error);
  }
}
