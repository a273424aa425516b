import type { ExtraResult, JobRow } from '../job';
import type { JobStatus } from '../status';
import type { Patch, RuleSet } from './shared';

const EXTRA_JOB: readonly JobStatus[] = ['generating', 'ready', 'downloading'];

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

/** Further tasks the backend made for one job (each another result of it), and a character's finalize. */
export const extraRules: RuleSet<
  | 'extra_found'
  | 'extra_generated'
  | 'extra_download_intent'
  | 'extra_download_started'
  | 'extra_done'
  | 'extra_failed'
  | 'extra_retry'
  | 'finalize_intent'
> = {
  extra_found: (event) => (j, now) =>
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
      : null,
  extra_generated: (event) => (j) =>
    extra(j, event.taskId, ['generating'], () => ({ state: 'ready', generationId: event.generationId })),
  extra_download_intent: (event) => (j) =>
    extra(j, event.taskId, ['ready'], () => ({
      download: { fileName: event.fileName, downloadId: null },
    })),
  extra_download_started: (event) => (j) =>
    extra(j, event.taskId, ['ready'], (e) =>
      e.download ? { state: 'downloading', download: { ...e.download, downloadId: event.downloadId } } : {},
    ),
  extra_done: (event) => (j) =>
    extra(j, event.taskId, ['ready', 'downloading'], () => ({ state: 'completed', error: null })),
  extra_failed: (event) => (j) =>
    extra(j, event.taskId, ['generating', 'ready', 'downloading'], () => ({
      state: 'failed',
      error: event.error,
    })),
  extra_retry: (event) => (j) =>
    extra(j, event.taskId, ['ready', 'downloading'], (e) => ({
      state: 'ready',
      download: null,
      attempts: e.attempts + 1,
      error: event.error,
    })),
  finalize_intent: (event) => (j, now) =>
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
      : null,
};
