import { jobsIn } from '../db/jobs';
import type { SoraDb } from '../db/schema';
import type { JobRow } from '../queue/job';

/**
 * A tick runs one backend's jobs: the rows in `statuses` whose `backendId` is that backend's, in
 * queue order. Every step reads its jobs through this, so two backends' ticks never touch each
 * other's rows (each has its own cap, poll and session).
 */
export async function jobsOf(
  deps: { db: SoraDb; backend: { id: string } },
  statuses: readonly JobRow['status'][],
): Promise<JobRow[]> {
  return (await jobsIn(deps.db, statuses)).filter((job) => job.backendId === deps.backend.id);
}
