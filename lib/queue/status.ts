/** Internal job states (a closed set). Finer than what the UI shows; see `displayStatus`. */
export const JOB_STATUSES = [
  'queued',
  'paused',
  'submitting',
  'reconciling',
  'generating',
  'ready',
  'downloading',
  'completed',
  'failed',
  'canceled',
  'needs_auth',
  'waiting_limit',
  'needs_permission',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The `data-status` vocabulary of the UI contract. */
export const DISPLAY_STATUSES = [
  'queued',
  'submitting',
  'generating',
  'downloading',
  'done',
  'failed',
  'canceled',
  'paused',
  'waiting-login',
  'waiting-limit',
  'waiting-permission',
] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

const DISPLAY: Record<JobStatus, DisplayStatus> = {
  queued: 'queued',
  paused: 'paused',
  submitting: 'submitting',
  reconciling: 'submitting',
  generating: 'generating',
  ready: 'downloading',
  downloading: 'downloading',
  completed: 'done',
  failed: 'failed',
  canceled: 'canceled',
  needs_auth: 'waiting-login',
  waiting_limit: 'waiting-limit',
  needs_permission: 'waiting-permission',
};

/** Maps each internal state to exactly one UI status. */
export function displayStatus(status: JobStatus): DisplayStatus {
  return DISPLAY[status];
}

export const TERMINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['completed', 'failed', 'canceled']);

/** Finished jobs never move again (except an explicit user retry). */
export function isTerminal(status: JobStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** States in which the pipeline is working on the job (a lease may be held). */
export const ACTIVE_STATUSES: ReadonlySet<JobStatus> = new Set([
  'submitting',
  'reconciling',
  'generating',
  'ready',
  'downloading',
]);

/** Jobs that hold a backend slot: created, or maybe created and being reconciled. */
export const IN_FLIGHT_STATUSES: readonly JobStatus[] = ['generating', 'reconciling'];

/** Jobs waiting to start, which "pause" stops (a job already at the backend cannot be paused). */
export const PAUSABLE_STATUSES: readonly JobStatus[] = ['queued', 'waiting_limit'];

/** Ended jobs a user retry starts over. */
export const RETRYABLE_STATUSES: readonly JobStatus[] = ['failed', 'canceled'];
