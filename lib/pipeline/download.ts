import { applyEvent, jobsIn } from '../db/jobs';
import { recordResult } from '../db/results';
import type { DownloadInfo } from '../platform/downloads';
import type { JobRow } from '../queue/job';
import { backoffDelay, DEFAULT_BACKOFF } from '../sora/backoff';
import type { PipelineDeps, TickState } from './context';
import { isAuthError, toJobError } from './errors';
import { escapeRegExp, renderFileName } from './filename';
import { sidecarUrl } from './sidecar';
import { requestPrompt } from './spec';

/** Media hosts results may be downloaded from (facts §6.1); anything else is refused. */
export const MEDIA_HOSTS: ReadonlySet<string> = new Set(['videos.openai.com']);

/** Only https links on the backend's media hosts are handed to the browser's downloader. */
export function isAllowedMediaUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && MEDIA_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

/** The job's download path from the user's template. */
export function jobFileName(template: string, job: JobRow): string {
  return renderFileName(template, {
    createdAt: job.createdAt,
    batchId: job.batchId,
    index: job.batchIndex,
    prompt: requestPrompt(job.request),
    model: job.input.model,
    taskId: job.taskId,
    jobId: job.id,
  });
}

/** Starts downloads for finished jobs; with auto-download off, records the result and finishes. */
export async function downloadStep(deps: PipelineDeps, state: TickState): Promise<void> {
  for (const job of await jobsIn(deps.db, ['ready'])) {
    if (job.nextRunAt > state.now) continue;
    if (state.settings.autoDownload) await startDownload(deps, state, job);
    else {
      await recordResult(deps.db, job, {}, state.now);
      await applyEvent(deps.db, job.id, { type: 'finished' }, state.now);
    }
  }
}

async function refuse(deps: PipelineDeps, job: JobRow): Promise<void> {
  const message = 'Sora returned a file link on an unexpected host; it was not downloaded.';
  await applyEvent(deps.db, job.id, { type: 'fail', error: { code: 'bad_response', message } }, deps.now());
}

/** Record the file name first, then download, then the id: a crash in between is recoverable. */
async function startDownload(deps: PipelineDeps, state: TickState, job: JobRow): Promise<void> {
  const fileName = job.download?.fileName ?? jobFileName(state.settings.filenameTemplate, job);
  const withIntent = await applyEvent(deps.db, job.id, { type: 'download_intent', fileName }, state.now);
  if (!withIntent?.generationId) return;
  try {
    // Signed links are credentials: resolved fresh each time, never stored (facts §6.3).
    const link = await deps.backend.resolveMedia(withIntent.generationId);
    if (!isAllowedMediaUrl(link.url)) return refuse(deps, job);
    const downloadId = await deps.downloads.download({ url: link.url, filename: fileName });
    const started = await applyEvent(deps.db, job.id, { type: 'download_started', downloadId }, deps.now());
    if (!started) return;
    await recordResult(
      deps.db,
      started,
      { downloadId, fileName, mediaExpiresAt: link.expiresAt },
      deps.now(),
    );
    if (state.settings.sidecar) {
      const sidecar = fileName.replace(/\.mp4$/, '.json');
      await deps.downloads.download({ url: sidecarUrl(started), filename: sidecar, conflict: 'overwrite' });
    }
  } catch (error) {
    if (isAuthError(error)) throw error;
    const delayMs = backoffDelay(job.attempts, DEFAULT_BACKOFF, deps.random);
    await applyEvent(deps.db, job.id, { type: 'retry_later', error: toJobError(error), delayMs }, deps.now());
  }
}

/** Checks running downloads (a missed onChanged event while the worker slept is caught here). */
export async function watchDownloads(deps: PipelineDeps, state: TickState): Promise<void> {
  for (const job of await jobsIn(deps.db, ['downloading'])) {
    const id = job.download?.downloadId;
    if (id == null) continue;
    const info = await deps.downloads.get(id);
    await settleDownload(deps, job, info, state.now);
  }
}

/**
 * Applies a download's state to its job: complete → done; interrupted → resumed where the browser
 * can, otherwise downloaded again (with a fresh link) after a backoff, within the attempt budget.
 */
export async function settleDownload(
  deps: Pick<PipelineDeps, 'db' | 'random' | 'downloads'>,
  job: JobRow,
  info: DownloadInfo | null,
  now: number,
): Promise<void> {
  if (info?.state === 'complete') {
    await applyEvent(deps.db, job.id, { type: 'downloaded' }, now);
    return;
  }
  if (info?.state === 'in_progress') return;
  if (info?.canResume && job.attempts < DEFAULT_BACKOFF.maxAttempts) {
    await deps.downloads.resume(info.id).catch(() => undefined);
    return;
  }
  const delayMs = backoffDelay(job.attempts, DEFAULT_BACKOFF, deps.random);
  const message = `The download was interrupted (${info?.error ?? 'the file disappeared'}).`;
  await applyEvent(
    deps.db,
    job.id,
    { type: 'retry_later', error: { code: 'download', message }, delayMs },
    now,
  );
}

/**
 * After a crash between `downloads.download()` and saving its id: adopt the download the browser
 * already has for this job's unique file name instead of starting a second one.
 */
export async function recoverDownloads(deps: PipelineDeps, now: number): Promise<void> {
  for (const job of await jobsIn(deps.db, ['ready'])) {
    if (!job.download || job.download.downloadId !== null) continue;
    const base = job.download.fileName.split('/').pop() ?? job.download.fileName;
    const stem = escapeRegExp(base.replace(/\.mp4$/, ''));
    const [existing] = await deps.downloads.findByName(`${stem}( \\(\\d+\\))?\\.mp4$`);
    if (!existing) continue;
    const adopted = await applyEvent(
      deps.db,
      job.id,
      { type: 'download_started', downloadId: existing.id },
      now,
    );
    if (adopted)
      await recordResult(deps.db, adopted, { downloadId: existing.id, fileName: job.download.fileName }, now);
  }
}
