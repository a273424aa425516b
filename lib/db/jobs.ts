import { type JobRow, JobRowSchema } from '../queue/job';
import { type JobEvent, transition } from '../queue/transition';
import { guardStorage } from './quota';
import { type BatchRow, BatchRowSchema } from './rows';
import type { SoraDb } from './schema';

/**
 * Applies one event to one job atomically; returns the new row, or null when not allowed now. When
 * the browser has no room for the write (docs/reliability.md §11), nothing of it is kept, the job is
 * failed with a plain message, and StorageFullError is thrown so the step stops.
 */
export async function applyEvent(
  db: SoraDb,
  id: string,
  event: JobEvent,
  now: number,
): Promise<JobRow | null> {
  return guardStorage(db, id, now, () => writeEvent(db, id, event, now));
}

function writeEvent(db: SoraDb, id: string, event: JobEvent, now: number): Promise<JobRow | null> {
  return db.transaction('rw', db.jobs, db.events, async () => {
    const current = await db.jobs.get(id);
    if (!current) return null;
    const next = transition(current, event, now);
    if (!next) return null;
    JobRowSchema.parse(next);
    await db.jobs.put(next);
    const detail = eventDetail(event, next);
    if (next.status !== current.status || detail !== null) {
      await db.events.add({ jobId: id, at: now, type: event.type, status: next.status, detail });
    }
    return next;
  });
}

/** What the job's log says about an event that does not change its status (null: nothing worth a line). */
function eventDetail(event: JobEvent, next: JobRow): string | null {
  if ('error' in event) return event.error.message;
  switch (event.type) {
    case 'looked':
      return `Looked for the task of the unanswered create (look ${next.reconcile?.looks ?? 0}).`;
    case 'lists_unreadable':
      return 'Sora’s task lists could not be read; the look-out for the unanswered create starts again.';
    case 'extra_found':
      return `Sora made a second video for this job (task ${event.taskId}); it is saved as well.`;
    case 'extra_download_started':
      return `Saving the extra video of task ${event.taskId}.`;
    case 'extra_done':
      return `The extra video of task ${event.taskId} was saved.`;
    case 'finalize_intent':
      return `Finalizing the character as @${event.username}.`;
    default:
      return null;
  }
}

/**
 * Adds new jobs (and their batch) after validating every row, all or nothing. A batch whose id is
 * taken (its name is its folder: two batches with the same first prompt on the same day) is stored
 * as `<id>-2`, `<id>-3`, … and its jobs follow; returns the batch id used (null without a batch).
 */
export async function addJobs(
  db: SoraDb,
  jobs: readonly JobRow[],
  batch: BatchRow | null = null,
): Promise<string | null> {
  const rows = jobs.map((job) => JobRowSchema.parse(job));
  return db.transaction('rw', db.jobs, db.events, db.batches, async () => {
    let batchId: string | null = null;
    if (batch) {
      batchId = batch.id;
      for (let n = 2; await db.batches.get(batchId); n++) batchId = `${batch.id}-${n}`;
      for (const row of rows) if (row.batchId === batch.id) row.batchId = batchId;
      await db.batches.add(BatchRowSchema.parse({ ...batch, id: batchId }));
    }
    await db.jobs.bulkAdd(rows);
    await db.events.bulkAdd(
      rows.map((j) => ({ jobId: j.id, at: j.createdAt, type: 'queued', status: j.status, detail: null })),
    );
    return batchId;
  });
}

/** The next sequence number (appends to the end of the queue). */
export async function nextSeq(db: SoraDb): Promise<number> {
  const last = await db.jobs.orderBy('seq').last();
  return (last?.seq ?? 0) + 1;
}

/** Jobs in the given states, in queue order. */
export async function jobsIn(db: SoraDb, statuses: readonly JobRow['status'][]): Promise<JobRow[]> {
  const rows = await db.jobs
    .where('status')
    .anyOf(statuses as JobRow['status'][])
    .toArray();
  return rows.sort((a, b) => a.seq - b.seq);
}
