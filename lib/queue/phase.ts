import type { JobRow } from './job';
import type { JobStatus } from './status';

/** The state a job is in by its recorded facts, used when a waiting state ends. */
export function phaseOf(job: JobRow): JobStatus {
  if (job.download?.downloadId != null) return 'downloading';
  if (job.generationId) return 'ready';
  if (job.taskId) return 'generating';
  if (job.createIntentAt !== null) return 'reconciling';
  return 'queued';
}
