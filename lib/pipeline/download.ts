import { applyEvent, jobsIn } from '../db/jobs';
import type { JobRow } from '../queue/job';
import { backoffDelay, DEFAULT_BACKOFF } from '../sora/backoff';
import type { PipelineDeps, TickState } from './context';
import { isAuthError, toJobError } from './errors';
import { escapeRegExp, renderFileName } from './filename';
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

/** Starts downloads for finished jobs: record the file name first, then download, then the id. */
export async function downloadStep(deps: PipelineDeps, state: TickState): Promise<void> {
  if (!state.settings.autoDownload) return;
  for (const job of await jobsIn(deps.db, ['ready'])) {
    if (job.nextRunAt > state.now) continue;
    await startDownload(deps, state, job);
  }
}

async function startDownload(deps: PipelineDeps, state: TickState, job: JobRow): Promise<void> {
  const fileName =
    job.download?.fileName ??
    renderFileName(state.settings.filenameTemplate, {
      createdAt: job.createdAt,
      batchId: job.batchId,
      index: job.batchIndex,
      prompt: requestPrompt(job.request),
      model: job.input.model,
      taskId: job.taskId,
      jobId: job.id,
    });
  const withIntent = await applyEvent(deps.db, job.id, { type: 'download_intent', fileName }, state.now);
  if (!withIntent?.generationId) return;
  try {
    // Signed links are credentials: resolved fresh each time, never stored (facts §6.3).
    const link = await deps.backend.resolveMedia(withIntent.generationId);
    if (!isAllowedMediaUrl(link.url)) {
      await applyEvent(
        deps.db,
        job.id,
        {
          type: 'fail',
          error: {
            code: 'bad_response',
            message: 'Sora returned a file link on an unexpected host; it was not downloaded.',
          },
        },
        deps.now(),
      );
      return;
    }
    const downloadId = await deps.downloads.download({ url: link.url, filename: fileName });
    await applyEvent(deps.db, job.id, { type: 'download_started', downloadId }, deps.now());
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
    await settleDownload(
      deps,
      job,
      info?.state ?? 'interrupted',
      info?.error ?? 'The download disappeared.',
      state.now,
    );
  }
}

/** Applies a download's final state to its job. */
export async function settleDownload(
  deps: Pick<PipelineDeps, 'db' | 'random'>,
  job: JobRow,
  downloadState: 'in_progress' | 'interrupted' | 'complete',
  error: string | null,
  now: number,
): Promise<void> {
  if (downloadState === 'complete') {
    await applyEvent(deps.db, job.id, { type: 'downloaded' }, now);
  } else if (downloadState === 'interrupted') {
    const delayMs = backoffDelay(job.attempts, DEFAULT_BACKOFF, deps.random);
    const message = `The download was interrupted (${error ?? 'unknown reason'}).`;
    await applyEvent(
      deps.db,
      job.id,
      { type: 'retry_later', error: { code: 'download', message }, delayMs },
      now,
    );
  }
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
    if (existing)
      await applyEvent(deps.db, job.id, { type: 'download_started', downloadId: existing.id }, now);
  }
}
