import { DEFAULT_BACKOFF } from '../backend/backoff';
import type { ExtraResult, JobError, JobRow, Reconcile } from './job';
import { isTerminal, type JobStatus, PAUSABLE_STATUSES, RETRYABLE_STATUSES } from './status';

/**
 * The most retries a job gets (docs/reliability.md §9): enforced here, whatever delay the caller
 * computed, so no caller can keep a job retrying past it.
 */
export const ATTEMPT_BUDGET = DEFAULT_BACKOFF.maxAttempts;

/** Everything that can happen to a job: a closed union. */
export type JobEvent =
  | { type: 'claim'; leaseUntil: number }
  | { type: 'created'; taskId: string }
  | { type: 'uncertain' }
  | { type: 'not_created' }
  | { type: 'retry_later'; error: JobError; delayMs: number | null }
  | { type: 'throttled'; untilMs: number }
  | { type: 'limit'; resetAt: number }
  | { type: 'limit_reset' }
  | { type: 'progress'; progress: number }
  | { type: 'generated'; generationId: string }
  /** The result exists at once (a text job): straight to ready, nothing to follow. */
  | { type: 'produced' }
  | { type: 'download_intent'; fileName: string }
  | { type: 'download_started'; downloadId: number }
  | { type: 'downloaded' }
  /** Done without a download (auto-download is off); the result can be downloaded later. */
  | { type: 'finished' }
  | { type: 'fail'; error: JobError }
  | { type: 'auth_lost' }
  | { type: 'permission_lost' }
  | { type: 'restored' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' }
  | { type: 'retry' }
  /** A complete look at the account's lists did not find the uncertain create's task. */
  | { type: 'looked' }
  /** The lists could not be read (5xx, offline, timeout): the look-out starts again when they can. */
  | { type: 'lists_unreadable' }
  /** The backend holds another task for this job (a resent POST): another result to follow and save. */
  | { type: 'extra_found'; taskId: string }
  | { type: 'extra_generated'; taskId: string; generationId: string }
  | { type: 'extra_download_intent'; taskId: string; fileName: string }
  | { type: 'extra_download_started'; taskId: string; downloadId: number }
  /** Saved (or, with auto-download off, recorded). */
  | { type: 'extra_done'; taskId: string }
  | { type: 'extra_failed'; taskId: string; error: JobError }
  /** Its download broke off: download it again with a fresh link. */
  | { type: 'extra_retry'; taskId: string; error: JobError }
  /** The character name chosen before finalize is sent (docs/backend-facts.md §4.9 step 5). */
  | { type: 'finalize_intent'; username: string; displayName: string };

/** The state a job is in by its recorded facts, used when a waiting state ends. */
export function phaseOf(job: JobRow): JobStatus {
  if (job.download?.downloadId != null) return 'downloading';
  if (job.generationId) return 'ready';
  if (job.taskId) return 'generating';
  if (job.createIntentAt !== null) return 'reconciling';
  return 'queued';
}

type Patch = Partial<JobRow> & { status: JobStatus };
type Rule = (job: JobRow, now: number) => Patch | null;

const ACTIVE: ReadonlySet<JobStatus> = new Set([
  'submitting',
  'reconciling',
  'generating',
  'ready',
  'downloading',
]);

function when(allowed: readonly JobStatus[], job: JobRow, patch: () => Patch): Patch | null {
  return allowed.includes(job.status) ? patch() : null;
}

/** A fresh look-out for a create whose answer was lost now (or, `lostAt` kept, that starts again). */
const lookOut = (now: number, lostAt = now): Reconcile => ({ lostAt, since: now, looks: 0 });

/** Holds on a create that may have reached Sora keep its intent: it is reconciled, never resent. */
const holdIntent = (j: JobRow, now: number): Partial<JobRow> =>
  j.status === 'submitting' ? { reconcile: lookOut(now) } : {};

const EXTRA_OPEN: ReadonlySet<ExtraResult['state']> = new Set(['generating', 'ready', 'downloading']);
const EXTRA_JOB: readonly JobStatus[] = ['generating', 'ready', 'downloading'];

/** A job completes only once every extra result is saved or failed. */
const extrasSettled = (j: JobRow): boolean => j.extras.every((e) => !EXTRA_OPEN.has(e.state));

/** Applies `change` to the extra `taskId` when it is in one of `from` and the job is running. */
function extra(
  j: JobRow,
  taskId: string,
  from: readonly ExtraResult['state'][],
  change: (e: ExtraResult) => Partial<ExtraResult>,
): Patch | null {
  const target = j.extras.find((e) => e.taskId === taskId);
  if (!EXTRA_JOB.includes(j.status) || !target || !from.includes(target.state)) return null;
  const extras = j.extras.map((e) => (e === target ? { ...e, ...change(e) } : e));
  return { status: j.status, extras };
}

function rule(event: JobEvent): Rule {
  switch (event.type) {
    case 'claim':
      return (j, now) =>
        when(['queued'], j, () => ({
          status: 'submitting',
          createIntentAt: now,
          leaseUntil: event.leaseUntil,
        }));
    case 'created':
      return (j) =>
        when(['submitting', 'reconciling'], j, () => ({
          status: 'generating',
          taskId: event.taskId,
          leaseUntil: null,
          error: null,
          reconcile: null,
        }));
    case 'uncertain':
      return (j, now) =>
        when(['submitting'], j, () => ({ status: 'reconciling', leaseUntil: null, reconcile: lookOut(now) }));
    case 'not_created':
      return (j, now) =>
        when(['reconciling', 'submitting'], j, () => ({
          status: 'queued',
          createIntentAt: null,
          leaseUntil: null,
          nextRunAt: now,
          reconcile: null,
        }));
    case 'looked':
      return (j, now) =>
        when(['reconciling'], j, () => {
          const current = j.reconcile ?? lookOut(now);
          return { status: 'reconciling', reconcile: { ...current, looks: current.looks + 1 } };
        });
    case 'lists_unreadable':
      return (j, now) =>
        when(['reconciling'], j, () => ({
          status: 'reconciling',
          reconcile: lookOut(now, j.reconcile?.lostAt ?? now),
        }));
    case 'retry_later':
      return (j, now) => {
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
      };
    case 'throttled':
      return (j) =>
        when(['submitting'], j, () => ({
          status: 'queued',
          createIntentAt: null,
          nextRunAt: event.untilMs,
          leaseUntil: null,
        }));
    case 'limit':
      return (j) =>
        when(['queued', 'submitting'], j, () => ({
          status: 'waiting_limit',
          createIntentAt: null,
          waitUntil: event.resetAt,
          leaseUntil: null,
        }));
    case 'limit_reset':
      return (j, now) =>
        when(['waiting_limit'], j, () => ({ status: 'queued', waitUntil: null, nextRunAt: now }));
    case 'progress':
      return (j) =>
        when(['generating'], j, () => ({
          status: 'generating',
          progress: Math.max(j.progress, Math.min(100, event.progress)),
        }));
    case 'generated':
      return (j) =>
        when(['generating'], j, () => ({
          status: 'ready',
          generationId: event.generationId,
          progress: 100,
          error: null,
        }));
    case 'produced':
      return (j) =>
        when(['submitting'], j, () => ({ status: 'ready', progress: 100, leaseUntil: null, error: null }));
    case 'download_intent':
      return (j) =>
        when(['ready'], j, () => ({
          status: 'ready',
          download: { fileName: event.fileName, downloadId: null },
        }));
    case 'download_started':
      return (j) =>
        j.status === 'ready' && j.download
          ? { status: 'downloading', download: { ...j.download, downloadId: event.downloadId } }
          : null;
    case 'downloaded':
      return (j, now) =>
        when(extrasSettled(j) ? ['downloading', 'ready'] : [], j, () => ({
          status: 'completed',
          finishedAt: now,
          error: null,
          leaseUntil: null,
        }));
    case 'finished':
      return (j, now) =>
        when(extrasSettled(j) ? ['ready'] : [], j, () => ({
          status: 'completed',
          finishedAt: now,
          error: null,
          leaseUntil: null,
        }));
    case 'fail':
      return (j, now) =>
        isTerminal(j.status)
          ? null
          : { status: 'failed', error: event.error, finishedAt: now, leaseUntil: null };
    // A job still `submitting` here was left by a dead worker (a create answered 401 is `not_created`
    // first): its create may have reached Sora, so the intent stays and it is reconciled afterwards.
    case 'auth_lost':
      return (j, now) =>
        ACTIVE.has(j.status) || j.status === 'queued' || j.status === 'waiting_limit'
          ? { status: 'needs_auth', leaseUntil: null, ...holdIntent(j, now) }
          : null;
    case 'permission_lost':
      return (j, now) =>
        ACTIVE.has(j.status) || j.status === 'queued'
          ? { status: 'needs_permission', leaseUntil: null, ...holdIntent(j, now) }
          : null;
    case 'restored':
      return (j, now) =>
        when(['needs_auth', 'needs_permission'], j, () => {
          const status = phaseOf(j);
          // Nobody could look while it waited: the look-out starts again, in full.
          const reconcile = status === 'reconciling' ? lookOut(now, j.reconcile?.lostAt ?? now) : null;
          return { status, nextRunAt: now, reconcile };
        });
    case 'pause':
      return (j) => when(PAUSABLE_STATUSES, j, () => ({ status: 'paused' }));
    case 'resume':
      return (j, now) => when(['paused'], j, () => ({ status: 'queued', nextRunAt: now, waitUntil: null }));
    case 'cancel':
      return (j, now) =>
        isTerminal(j.status) ? null : { status: 'canceled', finishedAt: now, leaseUntil: null };
    case 'retry':
      return (j, now) =>
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
        }));
    case 'extra_found':
      return (j, now) =>
        EXTRA_JOB.includes(j.status) &&
        j.taskId !== null &&
        event.taskId !== j.taskId &&
        !j.extras.some((e) => e.taskId === event.taskId)
          ? {
              status: j.status,
              extras: [
                ...j.extras,
                {
                  taskId: event.taskId,
                  foundAt: now,
                  state: 'generating',
                  generationId: null,
                  download: null,
                  attempts: 0,
                  error: null,
                },
              ],
            }
          : null;
    case 'extra_generated':
      return (j) =>
        extra(j, event.taskId, ['generating'], () => ({ state: 'ready', generationId: event.generationId }));
    case 'extra_download_intent':
      return (j) =>
        extra(j, event.taskId, ['ready'], () => ({
          download: { fileName: event.fileName, downloadId: null },
        }));
    case 'extra_download_started':
      return (j) =>
        extra(j, event.taskId, ['ready'], (e) =>
          e.download
            ? { state: 'downloading', download: { ...e.download, downloadId: event.downloadId } }
            : {},
        );
    case 'extra_done':
      return (j) =>
        extra(j, event.taskId, ['ready', 'downloading'], () => ({ state: 'completed', error: null }));
    case 'extra_failed':
      return (j) =>
        extra(j, event.taskId, ['generating', 'ready', 'downloading'], () => ({
          state: 'failed',
          error: event.error,
        }));
    case 'extra_retry':
      return (j) =>
        extra(j, event.taskId, ['ready', 'downloading'], (e) => ({
          state: 'ready',
          download: null,
          attempts: e.attempts + 1,
          error: event.error,
        }));
    case 'finalize_intent':
      return (j, now) =>
        j.status === 'generating' && j.taskId
          ? {
              status: 'generating',
              finalizeIntent: {
                cameoId: j.taskId,
                username: event.username,
                displayName: event.displayName,
                at: now,
              },
            }
          : null;
  }
}

/**
 * The pure state machine: the next row, or null when the event is not allowed in the job's state
 * (e.g. a poll result arriving for a job the user already canceled).
 */
export function transition(job: JobRow, event: JobEvent, now: number): JobRow | null {
  const patch = rule(event)(job, now);
  if (!patch) return null;
  return { ...job, ...patch, version: job.version + 1, updatedAt: now };
}
