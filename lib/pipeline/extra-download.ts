import { DEFAULT_BACKOFF } from '../backend/backoff';
import { applyEvent } from '../db/jobs';
import type { ExtraResult, JobRow } from '../queue/job';
import type { PipelineDeps, TickState } from './context';
import { isAuthError, toJobError } from './errors';
import { escapeRegExp } from './filename';
import { MODES, modeOf } from './modes';
import { resultLink } from './result-link';
import { jobsOf } from './scope';
import { sidecarUrl } from './sidecar';

/** The job as its extra result: the same request, the extra's task and generation. */
const asExtra = (job: JobRow, extra: ExtraResult): JobRow => ({
  ...job,
  taskId: extra.taskId,
  generationId: extra.generationId,
});

/**
 * The extra's own job-unique file name: the job's name with `_2`, `_3`… before the extension, so
 * recovery by name (`downloads.search`) never confuses it with the job's first file.
 */
export function extraFileName(jobFileName: string, index: number): string {
  const dot = jobFileName.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [jobFileName.slice(0, dot), jobFileName.slice(dot)] : [jobFileName, ''];
  return `${stem}_${index + 2}${ext}`;
}

/** A name pattern matching a download of `fileName`, with the browser's " (1)" if it added one. */
export function namePattern(fileName: string): string {
  const base = fileName.split('/').pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
  return `${escapeRegExp(stem)}( \\(\\d+\\))?${escapeRegExp(ext)}$`;
}

const holders = async (deps: PipelineDeps): Promise<JobRow[]> =>
  (await jobsOf(deps, ['generating', 'ready', 'downloading'])).filter((job) => job.extras.length > 0);

/** Saves extras that are ready, with the same discipline as a job's file: name first, then the id. */
export async function downloadExtras(
  deps: PipelineDeps,
  state: TickState,
  jobFileName: (job: JobRow, extension: string) => string,
): Promise<void> {
  for (const job of await holders(deps)) {
    for (const [index, extra] of job.extras.entries()) {
      if (extra.state !== 'ready') continue;
      const extension = MODES[modeOf(job.request)].extension;
      if (!state.settings.autoDownload || extension === null) {
        await applyEvent(deps.db, job.id, { type: 'extra_done', taskId: extra.taskId }, state.now);
        continue;
      }
      const fileName = extra.download?.fileName ?? extraFileName(jobFileName(job, extension), index);
      await saveExtra(deps, state, job, extra, fileName);
    }
  }
}

async function saveExtra(
  deps: PipelineDeps,
  state: TickState,
  job: JobRow,
  extra: ExtraResult,
  fileName: string,
): Promise<void> {
  const taskId = extra.taskId;
  try {
    const link = await resultLink(deps, asExtra(job, extra));
    if (!link) return;
    const intent = { type: 'extra_download_intent', taskId, fileName } as const;
    if (!(await applyEvent(deps.db, job.id, intent, state.now))) return;
    const { headers, mediaHosts } = link;
    const downloadId = await deps.downloads.download({
      url: link.url,
      filename: fileName,
      headers,
      mediaHosts,
    });
    const started = { type: 'extra_download_started', taskId, downloadId } as const;
    if (!(await applyEvent(deps.db, job.id, started, deps.now()))) return;
    if (state.settings.sidecar) {
      const sidecar = fileName.replace(/\.[a-z0-9]+$/, '.json');
      const url = sidecarUrl(asExtra(job, extra));
      // The video is on its way: a refused sidecar must not send the extra back (a second video file).
      await deps.downloads.download({ url, filename: sidecar, conflict: 'overwrite' }).catch(() => undefined);
    }
  } catch (error) {
    if (isAuthError(error)) throw error;
    await retryOrFail(deps, job, extra, toJobError(error), deps.now());
  }
}

async function retryOrFail(
  deps: PipelineDeps,
  job: JobRow,
  extra: ExtraResult,
  error: { code: string; message: string },
  now: number,
): Promise<void> {
  const taskId = extra.taskId;
  const spent = extra.attempts + 1 >= DEFAULT_BACKOFF.maxAttempts || error.code === 'bad_response';
  const event = spent
    ? ({ type: 'extra_failed', taskId, error } as const)
    : ({ type: 'extra_retry', taskId, error } as const);
  await applyEvent(deps.db, job.id, event, now);
}

/** Follows the extras' downloads: complete → saved; interrupted → resumed, or downloaded again. */
export async function watchExtraDownloads(deps: PipelineDeps, state: TickState): Promise<void> {
  for (const job of await holders(deps)) {
    for (const extra of job.extras) {
      const id = extra.download?.downloadId;
      if (extra.state !== 'downloading' || id == null) continue;
      const info = await deps.downloads.get(id);
      if (info?.state === 'in_progress') continue;
      if (info?.state === 'complete') {
        await applyEvent(deps.db, job.id, { type: 'extra_done', taskId: extra.taskId }, state.now);
      } else if (info?.canResume && extra.attempts < DEFAULT_BACKOFF.maxAttempts) {
        await deps.downloads.resume(info.id).catch(() => undefined);
      } else {
        const message = `The download was interrupted (${info?.error ?? 'the file disappeared'}).`;
        if (info) await deps.downloads.forget(info.id);
        await retryOrFail(deps, job, extra, { code: 'download', message }, state.now);
      }
    }
  }
}

/** After a crash between `downloads.download()` and saving its id: adopt the browser's item. */
export async function recoverExtraDownloads(deps: PipelineDeps, now: number): Promise<void> {
  for (const job of await holders(deps)) {
    for (const extra of job.extras) {
      if (extra.state !== 'ready' || !extra.download || extra.download.downloadId !== null) continue;
      const found = await deps.downloads.findByName(namePattern(extra.download.fileName));
      const existing = found.find((d) => d.state !== 'interrupted') ?? found[0];
      if (!existing) continue;
      const event = {
        type: 'extra_download_started',
        taskId: extra.taskId,
        downloadId: existing.id,
      } as const;
      await applyEvent(deps.db, job.id, event, now);
    }
  }
}
