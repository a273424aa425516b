import { applyEvent } from '../db/jobs';
import { isBrowserShuttingDown } from '../errors';
import { IN_FLIGHT_STATUSES, type JobStatus } from '../queue/status';
import { queuePausedItem } from '../settings/items';
import type { PipelineDeps, TickState } from './context';
import { downloadStep, jobFileName, recoverDownloads, watchDownloads } from './download';
import { isAuthError, toJobError } from './errors';
import { downloadExtras, recoverExtraDownloads, watchExtraDownloads } from './extra-download';
import { pruneInputs } from './inputs';
import { pollStep } from './poll';
import { jobsOf } from './scope';
import { dueJobs, submitStep } from './submit';

/** While signed out, the session is checked at most this often (no other traffic). */
export const SIGNED_OUT_CHECK_MS = 10_000;
/** A shared poll failing without a break for this long fails the jobs it follows. */
export const POLL_FAILURE_LIMIT_MS = 15 * 60_000;
/** After a "too many concurrent" refusal, the cap stays lowered this long. */
export const LOWERED_CAP_MS = 60_000;

const UNFINISHED: readonly JobStatus[] = [
  'needs_permission',
  'queued',
  'submitting',
  'reconciling',
  'generating',
  'ready',
  'downloading',
  'needs_auth',
  'waiting_limit',
];

export interface TickResult {
  /** Whether anything is left to do (keeps the poll loop and the alarm backstop going). */
  active: boolean;
}

/**
 * A job still `submitting` past its lease means the worker died mid-create: reconcile, never resend.
 * Only one worker instance runs at a time, so a claim made before this worker started belongs to a
 * dead one and is stalled at once (quick recovery: no waiting out the lease).
 */
async function recoverStalled(deps: PipelineDeps, now: number, bootedAt: number): Promise<void> {
  for (const job of await jobsOf(deps, ['submitting'])) {
    const orphaned = job.createIntentAt !== null && job.createIntentAt < bootedAt;
    if (orphaned || (job.leaseUntil ?? 0) <= now)
      await applyEvent(deps.db, job.id, { type: 'uncertain' }, now);
  }
  for (const job of await jobsOf(deps, ['waiting_limit'])) {
    if ((job.waitUntil ?? 0) <= now) await applyEvent(deps.db, job.id, { type: 'limit_reset' }, now);
  }
  await recoverDownloads(deps, now);
  await recoverExtraDownloads(deps, now);
}

/** Fails the jobs the shared poll follows, with the poll's own error in plain words. */
async function failFollowed(deps: PipelineDeps, error: unknown, now: number): Promise<void> {
  const reason = toJobError(error);
  const minutes = Math.round(POLL_FAILURE_LIMIT_MS / 60_000);
  const message = `Sora's status list kept failing for ${minutes} minutes: ${reason.message}`;
  for (const job of await jobsOf(deps, IN_FLIGHT_STATUSES)) {
    await applyEvent(deps.db, job.id, { type: 'fail', error: { code: reason.code, message } }, now);
  }
}

/** Moves every unfinished job to `needs_auth`; a signed-out session cannot follow remote work. */
async function holdForLogin(deps: PipelineDeps, now: number): Promise<void> {
  for (const job of await jobsOf(deps, UNFINISHED)) {
    if (job.status !== 'needs_auth') await applyEvent(deps.db, job.id, { type: 'auth_lost' }, now);
  }
  await deps.publishAccount({ state: 'signed-out', checkedAt: now });
}

/**
 * Without host access no request can succeed (and Chrome would only log errors): every unfinished
 * job waits for the permission, and they resume when it is granted again.
 */
async function checkPermission(deps: PipelineDeps, now: number): Promise<boolean> {
  const granted = await deps.hasHostAccess();
  const event = granted ? ({ type: 'restored' } as const) : ({ type: 'permission_lost' } as const);
  const affected = granted
    ? ['needs_permission' as const]
    : UNFINISHED.filter((s) => s !== 'needs_permission');
  for (const job of await jobsOf(deps, affected)) await applyEvent(deps.db, job.id, event, now);
  return granted;
}

/** Creates the tick runner, holding the little state that lives only in the worker. */
export function createTicker(deps: PipelineDeps): { tick: () => Promise<TickResult> } {
  const bootedAt = deps.now();
  let lastSessionCheck = 0;
  let lowered: { cap: number; until: number } | null = null;
  let pollFailingSince: number | null = null;
  const missingSince = new Map<string, number>();

  async function waitForLogin(now: number): Promise<boolean> {
    if (now - lastSessionCheck < SIGNED_OUT_CHECK_MS) return false;
    lastSessionCheck = now;
    const session = await deps.backend.session();
    if (session.state === 'needs_auth') return false;
    for (const job of await jobsOf(deps, ['needs_auth']))
      await applyEvent(deps.db, job.id, { type: 'restored' }, now);
    await deps.publishAccount({ state: 'signed-in', checkedAt: now });
    return true;
  }

  /**
   * A failing shared poll must neither stop downloads nor leave jobs waiting in silence for ever: the
   * tick goes on without creating anything (the free slots are unknown), and when the poll has failed
   * for POLL_FAILURE_LIMIT_MS the jobs it follows fail with its reason.
   */
  async function poll(state: TickState): Promise<unknown> {
    const wantSlots = (await dueJobs(deps, state.now)).length > 0;
    try {
      state.poll = await pollStep(deps, state, wantSlots);
      pollFailingSince = null;
      return null;
    } catch (error) {
      if (isAuthError(error) || isBrowserShuttingDown(error)) throw error;
      // Nobody could look: a lost create's look-out starts again once the lists can be read.
      for (const job of await jobsOf(deps, ['reconciling']))
        await applyEvent(deps.db, job.id, { type: 'lists_unreadable' }, state.now);
      pollFailingSince ??= state.now;
      if (state.now - pollFailingSince > POLL_FAILURE_LIMIT_MS) await failFollowed(deps, error, state.now);
      return error;
    }
  }

  async function work(state: TickState): Promise<void> {
    const pollError = await poll(state);
    if (state.poll) await deps.publishAccount({ state: 'signed-in', checkedAt: state.now });
    const cap = lowered && state.now < lowered.until ? lowered.cap : deps.backend.declares.concurrency.cap;
    // "Pause all" pauses the queue itself: nothing new starts, whenever it was queued.
    const queuePaused = await queuePausedItem.getValue();
    if (pollError === null && !queuePaused && (await submitStep(deps, state, cap)) === 'throttled') {
      lowered = { cap: Math.max(1, state.poll?.activeCount ?? 1), until: state.now + LOWERED_CAP_MS };
    }
    // Extras first: a job completes only once its extra results are saved too.
    await watchExtraDownloads(deps, state);
    await watchDownloads(deps, state);
    await downloadExtras(deps, state, (job, ext) => jobFileName(state.settings.filenameTemplate, job, ext));
    await downloadStep(deps, state);
    await pruneInputs(deps.db);
    if (pollError !== null) throw pollError; // logged by the engine; the next tick comes as usual
  }

  return {
    async tick() {
      const now = deps.now();
      const state: TickState = { now, settings: await deps.settings(), poll: null, missingSince };
      await recoverStalled(deps, now, bootedAt);
      const unfinished = await jobsOf(deps, UNFINISHED);
      if (unfinished.length === 0) return { active: false };
      if (!(await checkPermission(deps, now))) return { active: false };
      if (unfinished.some((job) => job.status === 'needs_auth') && !(await waitForLogin(now))) {
        // Still signed out: a job queued meanwhile waits for sign-in too, and says so.
        if (unfinished.some((job) => job.status !== 'needs_auth')) await holdForLogin(deps, now);
        return { active: true };
      }
      try {
        await work(state);
      } catch (error) {
        if (!isAuthError(error)) throw error;
        lastSessionCheck = deps.now();
        await holdForLogin(deps, deps.now());
      }
      return { active: (await jobsOf(deps, UNFINISHED)).length > 0 };
    },
  };
}
