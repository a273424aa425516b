import { jobsIn } from '../db/jobs';
import type { SoraDb } from '../db/schema';

/** Extras belong to jobs still running or finished within this long (they are found while the job runs). */
const EXTRA_LOOKBACK_MS = 24 * 60 * 60_000;

/**
 * Which of `taskIds` some job already owns, as its task or as an extra result: a lost create is never
 * matched onto, and an extra never taken from, another job's task.
 */
export async function ownedAmong(db: SoraDb, taskIds: readonly string[], now: number): Promise<Set<string>> {
  const owned = new Set<string>();
  if (taskIds.length === 0) return owned;
  for (const job of await db.jobs
    .where('taskId')
    .anyOf([...taskIds])
    .toArray()) {
    if (job.taskId) owned.add(job.taskId);
  }
  const rest = new Set(taskIds.filter((id) => !owned.has(id)));
  if (rest.size === 0) return owned;
  // Extras have no index; the jobs that can hold one are few (running, or finished lately).
  const holders = [
    ...(await jobsIn(db, ['generating', 'ready', 'downloading'])),
    ...(await db.jobs
      .where('finishedAt')
      .above(now - EXTRA_LOOKBACK_MS)
      .toArray()),
  ];
  for (const job of holders) {
    for (const extra of job.extras) if (rest.has(extra.taskId)) owned.add(extra.taskId);
  }
  return owned;
}
