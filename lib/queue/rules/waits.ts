import { isTerminal, PAUSABLE_STATUSES, RETRYABLE_STATUSES } from '../status';
import { ACTIVE, holdIntent, lookOut, phaseOf, type RuleSet, when } from './shared';

/** Holds and the user's actions: sign-in and site access lost and back, pause, resume, cancel, retry. */
export const waitRules: RuleSet<
  'auth_lost' | 'permission_lost' | 'restored' | 'pause' | 'resume' | 'cancel' | 'retry'
> = {
  // A job still `submitting` here was left by a dead worker (a create answered 401 is `not_created`
  // first): its create may have reached Sora, so the intent stays and it is reconciled afterwards.
  auth_lost: () => (j, now) =>
    ACTIVE.has(j.status) || j.status === 'queued' || j.status === 'waiting_limit'
      ? { status: 'needs_auth', leaseUntil: null, ...holdIntent(j, now) }
      : null,
  permission_lost: () => (j, now) =>
    ACTIVE.has(j.status) || j.status === 'queued'
      ? { status: 'needs_permission', leaseUntil: null, ...holdIntent(j, now) }
      : null,
  restored: () => (j, now) =>
    when(['needs_auth', 'needs_permission'], j, () => {
      const status = phaseOf(j);
      // Nobody could look while it waited: the look-out starts again, in full.
      const reconcile = status === 'reconciling' ? lookOut(now, j.reconcile?.lostAt ?? now) : null;
      return { status, nextRunAt: now, reconcile };
    }),
  pause: () => (j) => when(PAUSABLE_STATUSES, j, () => ({ status: 'paused' })),
  resume: () => (j, now) =>
    when(['paused'], j, () => ({ status: 'queued', nextRunAt: now, waitUntil: null })),
  cancel: () => (j, now) =>
    isTerminal(j.status) ? null : { status: 'canceled', finishedAt: now, leaseUntil: null },
  retry: () => (j, now) =>
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
      reconcile: null,
      extras: [],
      finalizeIntent: null,
    })),
};
