import { DEFAULT_BACKOFF } from '../sora/backoff';
import type { JobError, JobRow } from './job';
import { isTerminal, type JobStatus } from './status';

/**
 * The most retries a job gets (reliability checklist 9): enforced here, whatever delay the caller
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
  | { type: 'retry' };

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
        }));
    case 'uncertain':
      return (j) => when(['submitting'], j, () => ({ status: 'reconciling', leaseUntil: null }));
    case 'not_created':
      return (j, now) =>
        when(['reconciling', 'submitting'], j, () => ({
          status: 'queued',
          createIntentAt: null,
          leaseUntil: null,
          nextRunAt: now,
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
        when(['downloading', 'ready'], j, () => ({
          status: 'completed',
          finishedAt: now,
          error: null,
          leaseUntil: null,
        }));
    case 'finished':
      return (j, now) =>
        when(['ready'], j, () => ({ status: 'completed', finishedAt: now, error: null, leaseUntil: null }));
    case 'fail':
      return (j, now) =>
        isTerminal(j.status)
          ? null
          : { status: 'failed', error: event.error, finishedAt: now, leaseUntil: null };
    case 'auth_lost':
      return (j) =>
        ACTIVE.has(j.status) || j.status === 'queued' || j.status === 'waiting_limit'
          ? {
              status: 'needs_auth',
              leaseUntil: null,
              ...(j.status === 'submitting' ? { createIntentAt: null } : {}),
            }
          : null;
    case 'permission_lost':
      return (j) =>
        ACTIVE.has(j.status) || j.status === 'queued'
          ? {
              status: 'needs_permission',
              leaseUntil: null,
              ...(j.status === 'submitting' ? { createIntentAt: null } : {}),
            }
          : null;
    case 'restored':
      return (j, now) =>
        when(['needs_auth', 'needs_permission'], j, () => ({ status: phaseOf(j), nextRunAt: now }));
    case 'pause':
      return (j) => when(['queued', 'waiting_limit'], j, () => ({ status: 'paused' }));
    case 'resume':
      return (j, now) => when(['paused'], j, () => ({ status: 'queued', nextRunAt: now, waitUntil: null }));
    case 'cancel':
      return (j, now) =>
        isTerminal(j.status) ? null : { status: 'canceled', finishedAt: now, leaseUntil: null };
    case 'retry':
      return (j, now) =>
        when(['failed', 'canceled'], j, () => ({
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
        }));
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
