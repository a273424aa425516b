import { DEFAULT_BACKOFF } from '../../backend/backoff';
import type { JobEvent } from '../events';
import type { ExtraResult, JobRow, Reconcile } from '../job';
import type { JobStatus } from '../status';

/**
 * The most retries a job gets (docs/reliability.md §9): enforced here, whatever delay the caller
 * computed, so no caller can keep a job retrying past it.
 */
export const ATTEMPT_BUDGET = DEFAULT_BACKOFF.maxAttempts;

/** The fields a rule changes, always with the status the job ends in. */
export type Patch = Partial<JobRow> & { status: JobStatus };
/** One event's rule: the patch for this job now, or null when the event is not allowed in its state. */
export type Rule = (job: JobRow, now: number) => Patch | null;
/** The rules of a family of events, one per event type, each given its own event. */
export type RuleSet<K extends JobEvent['type']> = {
  [T in K]: (event: Extract<JobEvent, { type: T }>) => Rule;
};

export const ACTIVE: ReadonlySet<JobStatus> = new Set([
  'submitting',
  'reconciling',
  'generating',
  'ready',
  'downloading',
]);

export function when(allowed: readonly JobStatus[], job: JobRow, patch: () => Patch): Patch | null {
  return allowed.includes(job.status) ? patch() : null;
}

/** The state a job is in by its recorded facts, used when a waiting state ends. */
export function phaseOf(job: JobRow): JobStatus {
  if (job.download?.downloadId != null) return 'downloading';
  if (job.generationId) return 'ready';
  if (job.taskId) return 'generating';
  if (job.createIntentAt !== null) return 'reconciling';
  return 'queued';
}

/** A fresh look-out for a create whose answer was lost now (or, `lostAt` kept, that starts again). */
export const lookOut = (now: number, lostAt = now): Reconcile => ({ lostAt, since: now, looks: 0 });

/** Holds on a create that may have reached the backend keep its intent: it is reconciled, never resent. */
export const holdIntent = (j: JobRow, now: number): Partial<JobRow> =>
  j.status === 'submitting' ? { reconcile: lookOut(now) } : {};

const EXTRA_OPEN: ReadonlySet<ExtraResult['state']> = new Set(['generating', 'ready', 'downloading']);

/** A job completes only once every extra result is saved or failed. */
export const extrasSettled = (j: JobRow): boolean => j.extras.every((e) => !EXTRA_OPEN.has(e.state));
