import { displayStatus, JOB_STATUSES } from '../queue/status';
import { emptySummary, type QueueSummary } from '../queue/summary';
import type { SoraDb } from './schema';

/** Counts jobs by status through the index (cheap even with 10,000 rows) plus the running ones. */
export async function computeSummary(db: SoraDb, now: number): Promise<QueueSummary> {
  const summary = emptySummary();
  summary.updatedAt = now;
  for (const status of JOB_STATUSES) {
    summary.counts[displayStatus(status)] += await db.jobs.where('status').equals(status).count();
  }
  const running = await db.jobs.where('status').equals('generating').limit(10).toArray();
  summary.running = running.map((job) => ({
    id: job.id,
    prompt: job.input.text.slice(0, 80),
    progress: job.progress,
  }));
  return summary;
}
