import { phaseOf } from '../phase';
import { ACTIVE, dropIntentIfSubmitting, type RuleTable, when } from './rule';

type WaitEvent = 'limit' | 'limit_reset' | 'auth_lost' | 'permission_lost' | 'restored';

/** Waiting states: a daily limit, a lost session, a lost permission, and leaving them. */
export const waitRules: RuleTable<WaitEvent> = {
  limit: (j, e) =>
    when(['queued', 'submitting'], j, () => ({
      status: 'waiting_limit',
      createIntentAt: null,
      waitUntil: e.resetAt,
      leaseUntil: null,
    })),
  limit_reset: (j, _e, now) =>
    when(['waiting_limit'], j, () => ({ status: 'queued', waitUntil: null, nextRunAt: now })),
  auth_lost: (j) =>
    ACTIVE.has(j.status) || j.status === 'queued' || j.status === 'waiting_limit'
      ? { status: 'needs_auth', leaseUntil: null, ...dropIntentIfSubmitting(j) }
      : null,
  permission_lost: (j) =>
    ACTIVE.has(j.status) || j.status === 'queued'
      ? { status: 'needs_permission', leaseUntil: null, ...dropIntentIfSubmitting(j) }
      : null,
  // Back to the phase the recorded facts say, so nothing already created is created again.
  restored: (j, _e, now) =>
    when(['needs_auth', 'needs_permission'], j, () => ({ status: phaseOf(j), nextRunAt: now })),
};
