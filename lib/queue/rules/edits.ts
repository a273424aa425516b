import type { JobRow } from '../job';
import type { JobStatus } from '../status';
import type { RuleSet } from './shared';

/** States whose job has not reached the backend yet (or has ended), so its text may still change. */
const EDITABLE: ReadonlySet<JobStatus> = new Set([
  'queued',
  'paused',
  'waiting_limit',
  'needs_auth',
  'failed',
  'canceled',
]);

/** Whether the user may still edit the job: never once a create may have reached the backend. */
export function isEditable(job: JobRow): boolean {
  if (job.status === 'failed' || job.status === 'canceled') return true;
  return EDITABLE.has(job.status) && job.taskId === null && job.createIntentAt === null;
}

/** The user's edits to a job's place and request, and the uploads recorded for it. */
export const editRules: RuleSet<'reordered' | 'edited' | 'uploaded'> = {
  reordered: (event) => (j) => ({ status: j.status, seq: event.seq }),
  edited: (event) => (j) =>
    isEditable(j) ? { status: j.status, input: event.input, request: event.request } : null,
  uploaded: (event) => (j) =>
    j.status === 'submitting' ? { status: 'submitting', uploads: event.uploads } : null,
};
