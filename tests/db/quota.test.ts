import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRequestLogSink } from '@/lib/background/services';
import { applyEvent } from '@/lib/db/jobs';
import { isQuotaError, STORAGE_FULL } from '@/lib/db/quota';
import { recordResult } from '@/lib/db/results';
import { SoraDb } from '@/lib/db/schema';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

// Reliability docs/reliability.md §11 in fake-indexeddb: the failure is injected into one table's write inside
// the product's own transaction, as the browser reports a full disk.

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
/** How Dexie reports a transaction the quota aborted. */
const abortedByQuota = (): Error => new Dexie.AbortError('Transaction aborted', quota());
const FORMS: [string, () => Error][] = [
  ['QuotaExceededError', quota],
  ['AbortError with .inner QuotaExceededError', abortedByQuota],
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  // Give any stray rejection a few turns to surface before checking.
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('isQuotaError', () => {
  it.each(FORMS)('recognises %s', (_n, make) => expect(isQuotaError(make())).toBe(true));
  it('and nothing else', () => {
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(isQuotaError(new DOMException('x', 'DataError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

describe('a write that finds the disk full (docs/reliability.md §11)', () => {
  it.each(FORMS)('applyEvent, %s: no partial row, the job failed in plain words', async (_n, make) => {
    const db = new SoraDb(`quota-${crypto.randomUUID()}`);
    const job = makeJob({ status: 'submitting', createIntentAt: 5 });
    await db.jobs.add(job);
    await db.requestLog.add({ at: 1, method: 'GET', url: 'u', status: 200, durationMs: 1, errorCode: null });
    // The job row is written first, then the event row fails: the transaction must roll both back.
    vi.spyOn(db.events, 'add').mockRejectedValueOnce(make());
    const error = await applyEvent(db, job.id, { type: 'created', taskId: 'task_1' }, 9).catch(
      (e: unknown) => e,
    );
    expect((error as { code?: string }).code).toBe('storage_full');
    const row = (await db.jobs.get(job.id))!;
    expect(row.taskId).toBeNull(); // the rolled-back 'created' left nothing behind
    expect(row).toMatchObject({ status: 'failed', error: STORAGE_FULL, finishedAt: 9 });
    expect(STORAGE_FULL.message).toMatch(/ran out of storage space.*Free some disk space/);
    expect((await db.events.toArray()).map((e) => e.type)).toEqual(['fail']);
    expect(await db.requestLog.count()).toBe(0); // room was made by dropping the diagnostics log
  });

  it.each(FORMS)('recordResult, %s: no result row, the job failed', async (_n, make) => {
    const db = new SoraDb(`quota-${crypto.randomUUID()}`);
    const job = makeJob({ status: 'downloading', taskId: 't', generationId: 'g' });
    await db.jobs.add(job);
    vi.spyOn(db.results, 'put').mockRejectedValueOnce(make());
    await expect(recordResult(db, job, { downloadId: 3, fileName: 'a.mp4' }, 9)).rejects.toMatchObject({
      code: 'storage_full',
    });
    expect(await db.results.count()).toBe(0);
    expect((await db.jobs.get(job.id))!).toMatchObject({ status: 'failed', error: STORAGE_FULL });
  });

  it('when even the failure cannot be saved, nothing throws beyond the one StorageFullError', async () => {
    const db = new SoraDb(`quota-${crypto.randomUUID()}`);
    const job = makeJob({ status: 'submitting', createIntentAt: 5 });
    await db.jobs.add(job);
    vi.spyOn(db.jobs, 'put').mockRejectedValue(quota());
    await expect(applyEvent(db, job.id, { type: 'uncertain' }, 9)).rejects.toMatchObject({
      code: 'storage_full',
    });
    expect((await db.jobs.get(job.id))!.status).toBe('submitting'); // unchanged, not half-written
  });
});

describe('in the pipeline (docs/reliability.md §11)', () => {
  it.each(FORMS)(
    '%s while saving a download: the tick goes on, the job fails, no second download',
    async (_n, make) => {
      const t = createPipelineHarness({}, 5_000);
      const [ok, full] = [makeJob({ seq: 1 }, 'A calm lake'), makeJob({ seq: 2 }, 'A stormy sea')];
      await t.db.jobs.bulkAdd([ok, full]);
      const put = t.db.results.put.bind(t.db.results);
      // Dexie's PromiseExtended is a Promise with extras the product does not use.
      type Put = typeof t.db.results.put;
      vi.spyOn(t.db.results, 'put').mockImplementation(((row, key) =>
        row.jobId === full.id ? Promise.reject(make()) : put(row, key)) as Put);
      await t.run(60_000);
      const rows = await t.db.jobs.orderBy('seq').toArray();
      expect(rows.map((r) => r.status)).toEqual(['completed', 'failed']);
      expect(rows[1]!.error).toEqual(STORAGE_FULL);
      expect(await t.db.results.get(full.id)).toBeUndefined();
      expect(t.downloads.items).toHaveLength(2); // one each: the failed job's file was not asked for again
    },
  );

  it('the request log sink drops a write that finds the disk full, without an unhandled rejection', async () => {
    const db = new SoraDb(`quota-${crypto.randomUUID()}`);
    vi.spyOn(db.requestLog, 'add').mockRejectedValue(abortedByQuota());
    const sink = createRequestLogSink(db);
    for (let i = 0; i < 3; i++)
      sink({ at: i, method: 'GET', url: 'u', status: 200, durationMs: 1, errorCode: null });
    // afterEach checks that nothing was left unhandled.
    expect(db.requestLog.add).toHaveBeenCalledTimes(3);
  });
});
