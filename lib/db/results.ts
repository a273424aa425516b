import type { JobRow } from '../queue/job';
import { type ResultRow, ResultRowSchema } from './rows';
import type { SoraDb } from './schema';

/** Records (or updates) a finished job's result: ids and expiry only, never a signed link. */
export async function recordResult(
  db: SoraDb,
  job: JobRow,
  fields: Partial<Pick<ResultRow, 'mediaExpiresAt' | 'downloadId' | 'fileName' | 'thumbnail' | 'text'>>,
  now: number,
): Promise<void> {
  await db.transaction('rw', db.results, async () => {
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
