import { backoffDelay, DEFAULT_BACKOFF } from '../backend/backoff';
import { isBackendError } from '../backend/errors';
import { applyEvent } from '../db/jobs';
import { recordResult } from '../db/results';
import { isBrowserShuttingDown } from '../errors';
import type { JobRow } from '../queue/job';
import { IN_FLIGHT_STATUSES } from '../queue/status';
import type { PipelineDeps, TickState } from './context';
import { isAuthError, toJobError } from './errors';
import { MODES, type ModeHandler, modeOf } from './modes';
import { jobsOf } from './scope';
import { requestPrompt } from './spec';

/** A lease longer than any single create request (the HTTP timeout is 25 s). */
export const LEASE_MS = 60_000;
/** Without Retry-After, wait this long after a "too many concurrent" answer (docs/backend-facts.md §7.2: SPQ base 10 s). */
const CONCURRENT_WAIT_MS = 10_000;

export type SubmitOutcome = 'continue' | 'stop' | 'throttled';

/** Free video generation slots: the user's setting, minus everything the account has in flight. */
export function freeSlots(state: TickState, cap: number): number {
  const active = state.poll?.activeCount ?? 0;
  return Math.max(0, Math.min(state.settings.concurrency, cap) - active);
}

/** Due queued jobs in queue order. */
export async function dueJobs(deps: PipelineDeps, now: number): Promise<JobRow[]> {
  return (await jobsOf(deps, ['queued'])).filter((job) => job.nextRunAt <= now);
}

/**
 * Capacity per kind of work: videos share the backend's cap (docs/backend-facts.md §7.2); images and characters run
 * one at a time (SHC takes a per-account image lock, docs/backend-facts.md §7.6); text jobs need no slot.
 */
async function capacity(
  deps: PipelineDeps,
  state: TickState,
  cap: number,
): Promise<Record<ModeHandler['track'], number>> {
  const running = (await jobsOf(deps, IN_FLIGHT_STATUSES)).map((j) => MODES[modeOf(j.request)].track);
  return {
    video: freeSlots(state, cap),
    image: running.includes('image') ? 0 : 1,
    character: running.includes('character') ? 0 : 1,
    none: Number.POSITIVE_INFINITY,
  };
}

/**
 * Whether sending `job` now could be mistaken for `lost`'s create while that one is looked for
 * (reconciliation matches by prompt and parameters): the same prompt on a listed kind of work.
 */
function couldBeTakenFor(job: JobRow, lost: JobRow): boolean {
  const track = MODES[modeOf(job.request)].track;
  if (track !== MODES[modeOf(lost.request)].track || (track !== 'video' && track !== 'image')) return false;
  return requestPrompt(job.request) === requestPrompt(lost.request);
}

/**
 * Fills free slots with due jobs in queue order; never a job that could be mistaken for a create
 * that is still uncertain. Returns 'throttled' when the backend refused for concurrency although we
 * counted a free slot.
 */
export async function submitStep(
  deps: PipelineDeps,
  state: TickState,
  cap: number,
): Promise<'ok' | 'throttled'> {
  const uncertain = await jobsOf(deps, ['reconciling']);
  const free = await capacity(deps, state, cap);
  for (const job of await dueJobs(deps, state.now)) {
    const track = MODES[modeOf(job.request)].track;
    if (uncertain.some((lost) => couldBeTakenFor(job, lost))) continue;
    if (free[track] <= 0 || !(await ready(deps, state, job))) continue;
    const outcome = await submitOne(deps, state, job);
    if (outcome === 'throttled') return 'throttled';
    if (outcome === 'stop') return 'ok';
    free[track]--;
  }
  return 'ok';
}

/** Whether the job may start now: its dependency done, its plan sufficient. Fails it when it never can. */
async function ready(deps: PipelineDeps, state: TickState, job: JobRow): Promise<boolean> {
  const fail = async (code: string, message: string): Promise<false> => {
    await applyEvent(deps.db, job.id, { type: 'fail', error: { code, message } }, state.now);
    return false;
  };
  if (job.dependsOn) {
    const dependency = await deps.db.jobs.get(job.dependsOn);
    if (!dependency || dependency.status === 'failed' || dependency.status === 'canceled') {
      return fail(
        'dependency',
        `The character for this video could not be created${dependency?.error ? `: ${dependency.error.message}` : '.'}`,
      );
    }
    if (dependency.status !== 'completed') return false;
  }
  if (job.request.kind === 'video' && deps.backend.refusal) {
    // What this account cannot run (Sora: Pro models and 25 s, docs/backend-facts.md §4.2) is refused
    // before a request is spent on it.
    const { model, params } = job.request;
    const refusal = await deps.backend.refusal({ model, durationS: params.durationS });
    if (refusal) return fail('plan', refusal);
  }
  return true;
}

async function submitOne(deps: PipelineDeps, state: TickState, job: JobRow): Promise<SubmitOutcome> {
  const mode = MODES[modeOf(job.request)];
  const claimed = await applyEvent(
    deps.db,
    job.id,
    { type: 'claim', leaseUntil: state.now + LEASE_MS },
    state.now,
  );
  if (!claimed) return 'continue';
  try {
    const outcome = await mode.start(deps, claimed);
    const now = deps.now();
    if (outcome.kind === 'finished') {
      await recordResult(deps.db, claimed, { text: outcome.text }, now);
      await applyEvent(deps.db, job.id, { type: 'produced' }, now);
      return 'continue';
    }
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
  // The browser is closing: whether the create went out is unknown, so the job keeps its claim and
  // is looked for after the next start, like after a worker stop. It is never failed for it.
  if (isBrowserShuttingDown(error)) throw error;
  if (!isBackendError(error)) {
    await applyEvent(deps.db, job.id, { type: 'fail', error: toJobError(error) }, now);
    return 'continue';
  }
  if (error.retryable) {
    const delayMs = backoffDelay(job.attempts, DEFAULT_BACKOFF, deps.random, error.retryAfterMs);
    await applyEvent(deps.db, job.id, { type: 'retry_later', error: toJobError(error), delayMs }, now);
    return error.backendWide ? 'stop' : 'continue';
  }
  switch (error.code) {
    case 'rate_limited': {
      const wait = Math.max(error.retryAfterMs ?? 0, CONCURRENT_WAIT_MS);
      await applyEvent(deps.db, job.id, { type: 'throttled', untilMs: now + wait }, now);
      return 'throttled';
    }
    case 'quota_exhausted': {
      const resetAt = error.resetAt ?? now + 60 * 60_000;
      await applyEvent(deps.db, job.id, { type: 'limit', resetAt }, now);
      for (const queued of await jobsOf(deps, ['queued'])) {
        await applyEvent(deps.db, queued.id, { type: 'limit', resetAt }, now);
      }
      return 'stop';
    }
    default:
      await applyEvent(deps.db, job.id, { type: 'fail', error: toJobError(error) }, now);
      return 'continue';
  }
}
