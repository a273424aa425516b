import { isTerminal, PAUSABLE_STATUSES, RETRYABLE_STATUSES } from '../status';
import { type RuleTable, when } from './rule';

type UserEvent = 'fail' | 'pause' | 'resume' | 'cancel' | 'retry';

/** Ending a job, and what the user asks for: pause, resume, cancel, retry. */
export const userRules: RuleTable<UserEvent> = {
  fail: (j, e, now) =>
    isTerminal(j.status) ? null : { status: 'failed', error: e.error, finishedAt: now, leaseUntil: null },
  pause: (j) => when(PAUSABLE_STATUSES, j, () => ({ status: 'paused' })),
  resume: (j, _e, now) => when(['paused'], j, () => ({ status: 'queued', nextRunAt: now, waitUntil: null })),
  cancel: (j, _e, now) =>
    isTerminal(j.status) ? null : { status: 'canceled', finishedAt: now, leaseUntil: null },
  // A retry starts over: everything learned from the previous run is forgotten.
  retry: (j, _e, now) =>
    when(RETRYABLE_STATUSES, j, () => ({
      status: 'queued',
      attempts: 0,
      nextRunAt: now,
      createIntentAt: null,
      taskId: null,
      generationId: null,
      progress: 0,
      download: null,
      error: null,
      finishedAt: null,
      waitUntil: null,
    })),
};
