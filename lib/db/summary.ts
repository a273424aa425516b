import { displayStatus, JOB_STATUSES, type JobStatus } from '../queue/status';
import { emptySummary, type QueueSummary } from '../queue/summary';
import { jobCountsByStatus } from './queries';
import type { SoraDb } from './schema';

/** The statuses in which a job holds one of its backend's slots. */
const SLOT_STATUSES: readonly JobStatus[] = ['submitting', 'reconciling', 'generating'];

/** Counts jobs by status from the count rows (no job row is read) plus the running ones. */
export async function computeSummary(db: SoraDb, now: number): Promise<QueueSummary> {
  const summary = emptySummary();
  summary.updatedAt = now;
  const counts = await jobCountsByStatus(db);
  for (const status of JOB_STATUSES) summary.counts[displayStatus(status)] += counts.get(status) ?? 0;
  const running = await db.jobs.where('status').equals('generating').limit(10).toArray();
  summary.running = running.map((job) => ({
    id: job.id,
    prompt: job.input.text.slice(0, 80),
    progress: job.progress,
  }));
  // Bounded by the backends' caps: only jobs holding a slot are read, and none when the counts say so.
  if (SLOT_STATUSES.some((status) => (counts.get(status) ?? 0) > 0))
    await db.jobs
      .where('status')
      .anyOf(SLOT_STATUSES)
      .each((job) => {
        summary.inFlight[job.backendId] = (summary.inFlight[job.backendId] ?? 0) + 1;
      });
  return summary;
}
