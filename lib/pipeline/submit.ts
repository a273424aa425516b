import { applyEvent, jobsIn } from '../db/jobs';
import type { JobRow } from '../queue/job';
import { backoffDelay, DEFAULT_BACKOFF } from '../sora/backoff';
import { isSoraError } from '../sora/errors';
import type { PipelineDeps, TickState } from './context';
import { isAuthError, toJobError } from './errors';
import { toGenerationSpec } from './spec';

/** A lease longer than any single create request (the HTTP timeout is 25 s). */
const LEASE_MS = 60_000;
/** Without Retry-After, wait this long after a "too many concurrent" answer (facts §7.2: SPQ base 10 s). */
const CONCURRENT_WAIT_MS = 10_000;

export type SubmitOutcome = 'continue' | 'stop' | 'throttled';

/** Free generation slots: the user's setting, minus everything the account has in flight. */
export function freeSlots(state: TickState, cap: number): number {
  const active = state.poll?.activeCount ?? 0;
  return Math.max(0, Math.min(state.settings.concurrency, cap) - active);
}

/** Due queued jobs in queue order. */
export async function dueJobs(deps: PipelineDeps, now: number): Promise<JobRow[]> {
  return (await jobsIn(deps.db, ['queued'])).filter((job) => job.nextRunAt <= now);
}

/**
 * Fills free slots with due jobs; never while a create is uncertain. Returns 'throttled' when the
 * backend refused for concurrency although we counted a free slot (it knows of tasks we do not see).
 */
export async function submitStep(
  deps: PipelineDeps,
  state: TickState,
  cap: number,
): Promise<'ok' | 'throttled'> {
  if ((await jobsIn(deps.db, ['reconciling'])).length > 0) return 'ok';
  let slots = freeSlots(state, cap);
  for (const job of await dueJobs(deps, state.now)) {
    if (slots <= 0) return 'ok';
    const outcome = await submitOne(deps, state, job);
    if (outcome === 'throttled') return 'throttled';
    if (outcome === 'stop') return 'ok';
    slots--;
  }
  return 'ok';
}

async function submitOne(deps: PipelineDeps, state: TickState, job: JobRow): Promise<SubmitOutcome> {
  const spec = toGenerationSpec(job.request);
  if (!spec) {
    const message = 'This kind of job is not supported yet.';
    await applyEvent(deps.db, job.id, { type: 'fail', error: { code: 'unsupported', message } }, state.now);
    return 'continue';
  }
  const claimed = await applyEvent(
    deps.db,
    job.id,
    { type: 'claim', leaseUntil: state.now + LEASE_MS },
    state.now,
  );
  if (!claimed) return 'continue';
  try {
    const outcome = await deps.backend.create(spec);
    const now = deps.now();
    if (outcome.kind === 'created') {
      await applyEvent(deps.db, job.id, { type: 'created', taskId: outcome.taskId }, now);
      return 'continue';
    }
    await applyEvent(deps.db, job.id, { type: 'uncertain' }, now);
    return 'stop';
  } catch (error) {
    return onCreateError(deps, job, error);
  }
}

async function onCreateError(deps: PipelineDeps, job: JobRow, error: unknown): Promise<SubmitOutcome> {
  const now = deps.now();
  if (isAuthError(error)) {
    await applyEvent(deps.db, job.id, { type: 'not_created' }, now);
    throw error;
  }
  if (!isSoraError(error)) {
    await applyEvent(deps.db, job.id, { type: 'fail', error: toJobError(error) }, now);
    return 'continue';
  }
  switch (error.code) {
    case 'rate_limit_concurrent': {
      const wait = Math.max(error.retryAfterMs ?? 0, CONCURRENT_WAIT_MS);
      await applyEvent(deps.db, job.id, { type: 'throttled', untilMs: now + wait }, now);
      return 'throttled';
    }
    case 'rate_limit_daily': {
      const resetAt = error.resetAt ?? now + 60 * 60_000;
      await applyEvent(deps.db, job.id, { type: 'limit', resetAt }, now);
      for (const queued of await jobsIn(deps.db, ['queued'])) {
        await applyEvent(deps.db, queued.id, { type: 'limit', resetAt }, now);
      }
      return 'stop';
    }
    case 'retryable':
    case 'sentinel':
    case 'sentinel_unavailable':
    case 'challenge': {
      const delayMs = backoffDelay(job.attempts, DEFAULT_BACKOFF, deps.random, error.retryAfterMs);
      await applyEvent(deps.db, job.id, { type: 'retry_later', error: toJobError(error), delayMs }, now);
      return error.code === 'retryable' ? 'continue' : 'stop';
    }
    default:
      await applyEvent(deps.db, job.id, { type: 'fail', error: toJobError(error) }, now);
      return 'continue';
  }
}
