import type { JobRow } from '../job';
import { ACTIVE_STATUSES, type JobStatus } from '../status';
import type { JobEvent } from '../transition';

/** The fields an event changes; `status` is always set so every rule names where the job goes. */
export type Patch = Partial<JobRow> & { status: JobStatus };

/** One event's rule: the patch, or null when the event is not allowed in the job's state. */
export type Rule<E extends JobEvent = JobEvent> = (job: JobRow, event: E, now: number) => Patch | null;

/** A rule for each event type in `T`, each receiving its own event shape. */
export type RuleTable<T extends JobEvent['type']> = {
  [K in T]: Rule<Extract<JobEvent, { type: K }>>;
};

/** States in which the pipeline is working on the job (a lease may be held). */
export const ACTIVE: ReadonlySet<JobStatus> = ACTIVE_STATUSES;

/** The patch when the job is in one of `allowed`, else null (the event does not apply). */
export function when(allowed: readonly JobStatus[], job: JobRow, patch: () => Patch): Patch | null {
  return allowed.includes(job.status) ? patch() : null;
}

/** A submit interrupted by a lost session or permission never leaves a create intent behind. */
export function dropIntentIfSubmitting(job: JobRow): Partial<JobRow> {
  return job.status === 'submitting' ? { createIntentAt: null } : {};
}
