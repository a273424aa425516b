import { displayStatus, JOB_STATUSES } from '../queue/status';
import { emptySummary, type QueueSummary } from '../queue/summary';
import { jobCountsByStatus } from './queries';
import type { SoraDb } from './schema';

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
  return summary;
}
