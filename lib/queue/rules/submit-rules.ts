import type { JobRow } from '../job';
import type { JobStatus } from '../status';
import type { JobEvent } from '../transition';
import { ACTIVE, type Patch, type RuleTable, when } from './rule';

type SubmitEvent = 'claim' | 'created' | 'uncertain' | 'not_created' | 'throttled' | 'retry_later';

/** Where a retryable failure sends the job back to, and what it clears on the way. */
function stepBack(job: JobRow): { status: JobStatus } & Partial<JobRow> {
  if (job.status === 'submitting') return { status: 'queued', createIntentAt: null };
  if (job.status === 'downloading') return { status: 'ready', download: null };
  return { status: job.status };
}

/** A retryable failure: back one step with a delay, or failed when no retry is left (delay null). */
function retryLater(
  job: JobRow,
  event: Extract<JobEvent, { type: 'retry_later' }>,
  now: number,
): Patch | null {
  // A reconciling job must find out whether its create happened; a retry could repeat it.
  if (!ACTIVE.has(job.status) || job.status === 'reconciling') return null;
  if (event.delayMs === null)
    return { status: 'failed', error: event.error, finishedAt: now, leaseUntil: null };
  return {
    ...stepBack(job),
    attempts: job.attempts + 1,
    nextRunAt: now + event.delayMs,
    error: event.error,
    leaseUntil: null,
  };
}

/** Claiming a job and creating it at the backend, including a create whose outcome is unknown. */
export const submitRules: RuleTable<SubmitEvent> = {
  claim: (j, e, now) =>
    when(['queued'], j, () => ({ status: 'submitting', createIntentAt: now, leaseUntil: e.leaseUntil })),
  created: (j, e) =>
    when(['submitting', 'reconciling'], j, () => ({
      status: 'generating',
      taskId: e.taskId,
      leaseUntil: null,
      error: null,
    })),
  uncertain: (j) => when(['submitting'], j, () => ({ status: 'reconciling', leaseUntil: null })),
  not_created: (j, _e, now) =>
    when(['reconciling', 'submitting'], j, () => ({
      status: 'queued',
      createIntentAt: null,
      leaseUntil: null,
      nextRunAt: now,
    })),
  throttled: (j, e) =>
    when(['submitting'], j, () => ({
      status: 'queued',
      createIntentAt: null,
      nextRunAt: e.untilMs,
      leaseUntil: null,
    })),
  retry_later: retryLater,
};
