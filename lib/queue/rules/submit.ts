import type { JobStatus } from '../status';
import { ACTIVE, ATTEMPT_BUDGET, lookOut, type RuleSet, when } from './shared';

/** Claiming a job, its create and what the backend answered, a lost answer looked for, retries and waits for a slot or a limit. */
export const submitRules: RuleSet<
  | 'claim'
  | 'created'
  | 'uncertain'
  | 'not_created'
  | 'looked'
  | 'lists_unreadable'
  | 'retry_later'
  | 'throttled'
  | 'limit'
  | 'limit_reset'
> = {
  claim: (event) => (j, now) =>
    when(['queued'], j, () => ({
      status: 'submitting',
      createIntentAt: now,
      leaseUntil: event.leaseUntil,
    })),
  created: (event) => (j) =>
    when(['submitting', 'reconciling'], j, () => ({
      status: 'generating',
      taskId: event.taskId,
      leaseUntil: null,
      error: null,
      reconcile: null,
    })),
  uncertain: () => (j, now) =>
    when(['submitting'], j, () => ({ status: 'reconciling', leaseUntil: null, reconcile: lookOut(now) })),
  not_created: () => (j, now) =>
    when(['reconciling', 'submitting'], j, () => ({
      status: 'queued',
      createIntentAt: null,
      leaseUntil: null,
      nextRunAt: now,
      reconcile: null,
    })),
  looked: () => (j, now) =>
    when(['reconciling'], j, () => {
      const current = j.reconcile ?? lookOut(now);
      return { status: 'reconciling', reconcile: { ...current, looks: current.looks + 1 } };
    }),
  lists_unreadable: () => (j, now) =>
    when(['reconciling'], j, () => ({
      status: 'reconciling',
      reconcile: lookOut(now, j.reconcile?.lostAt ?? now),
    })),
  retry_later: (event) => (j, now) => {
    if (!ACTIVE.has(j.status) || j.status === 'reconciling') return null;
    if (event.delayMs === null || j.attempts >= ATTEMPT_BUDGET)
      return { status: 'failed', error: event.error, finishedAt: now, leaseUntil: null };
    const back: JobStatus =
      j.status === 'submitting' ? 'queued' : j.status === 'downloading' ? 'ready' : j.status;
    const cleared =
      j.status === 'submitting'
        ? { createIntentAt: null }
        : j.status === 'downloading'
          ? { download: null }
          : {};
    return {
      status: back,
      ...cleared,
      attempts: j.attempts + 1,
      nextRunAt: now + event.delayMs,
      error: event.error,
      leaseUntil: null,
    };
  },
  throttled: (event) => (j) =>
    when(['submitting'], j, () => ({
      status: 'queued',
      createIntentAt: null,
      nextRunAt: event.untilMs,
      leaseUntil: null,
    })),
  limit: (event) => (j) =>
    when(['queued', 'submitting'], j, () => ({
      status: 'waiting_limit',
      createIntentAt: null,
      waitUntil: event.resetAt,
      leaseUntil: null,
    })),
  limit_reset: () => (j, now) =>
    when(['waiting_limit'], j, () => ({ status: 'queued', waitUntil: null, nextRunAt: now })),
};
