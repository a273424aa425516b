import type { JobRow } from '../queue/job';
import { guardStorage } from './quota';
import { type ResultRow, ResultRowSchema } from './rows';
import type { SoraDb } from './schema';

/**
 * Records (or updates) a finished job's result: ids and expiry only, never a signed link. Out of
 * storage space, nothing is written and the job fails (see `guardStorage`).
 */
export async function recordResult(
  db: SoraDb,
  job: JobRow,
  fields: Partial<Pick<ResultRow, 'mediaExpiresAt' | 'downloadId' | 'fileName' | 'thumbnail' | 'text'>>,
  now: number,
): Promise<void> {
  await guardStorage(db, job.id, now, () => writeResult(db, job, fields, now));
}

function writeResult(
  db: SoraDb,
  job: JobRow,
  fields: Partial<Pick<ResultRow, 'mediaExpiresAt' | 'downloadId' | 'fileName' | 'thumbnail' | 'text'>>,
  now: number,
): Promise<void> {
  return db.transaction('rw', db.results, async () => {
    const current = await db.results.get(job.id);
    const row: ResultRow = {
      jobId: job.id,
      kind: job.request.kind === 'image' ? 'image' : job.request.kind === 'enhance' ? 'text' : 'video',
      taskId: job.taskId,
      generationId: job.generationId,
      mediaExpiresAt: null,
      downloadId: null,
      fileName: null,
      thumbnail: null,
      text: null,
      createdAt: now,
      ...current,
      ...fields,
    };
    await db.results.put(ResultRowSchema.parse(row));
  });
}
