import { backoffDelay, DEFAULT_BACKOFF } from '../backend/backoff';
import { isBackendError } from '../backend/errors';
import { applyEvent } from '../db/jobs';
import { recordResult } from '../db/results';
import { errorCode, isBrowserShuttingDown } from '../errors';
import type { DownloadInfo } from '../platform/downloads';
import type { JobRow } from '../queue/job';
import type { PipelineDeps, TickState } from './context';
import { isAuthError, toJobError } from './errors';
import { namePattern } from './extra-download';
import { renderFileName } from './filename';
import { resultLink } from './result-link';
import { jobsOf } from './scope';
import { sidecarUrl } from './sidecar';
import { requestPrompt } from './spec';

/** The job's download path from the user's template. */
export function jobFileName(template: string, job: JobRow, extension = 'mp4'): string {
  return renderFileName(
    template,
    {
      createdAt: job.createdAt,
      batchId: job.batchId,
      index: job.batchIndex,
      prompt: requestPrompt(job.request),
      model: job.input.model,
      taskId: job.taskId,
      jobId: job.id,
    },
    extension,
  );
}

/** Starts downloads for finished jobs; with auto-download off, records the result and finishes. */
export async function downloadStep(deps: PipelineDeps, state: TickState): Promise<void> {
  for (const job of await jobsOf(deps, ['ready'])) {
    if (job.nextRunAt > state.now) continue;
    if (state.settings.autoDownload) await startDownload(deps, state, job);
    else {
      await recordResult(deps.db, job, {}, state.now);
      await applyEvent(deps.db, job.id, { type: 'finished' }, state.now);
    }
  }
}

/** Record the file name first, then download, then the id: a crash in between is recoverable. */
async function startDownload(deps: PipelineDeps, state: TickState, job: JobRow): Promise<void> {
  try {
    const link = await resultLink(deps, job);
    if (link === null) {
      // Nothing to download (a character): the result is what was saved.
      await recordResult(deps.db, job, {}, state.now);
      await applyEvent(deps.db, job.id, { type: 'finished' }, state.now);
      return;
    }
    const fileName =
      job.download?.fileName ?? jobFileName(state.settings.filenameTemplate, job, link.extension);
    const withIntent = await applyEvent(deps.db, job.id, { type: 'download_intent', fileName }, state.now);
    if (!withIntent) return;
    const { url, headers, mediaHosts } = link;
    const downloadId = await deps.downloads.download({ url, filename: fileName, headers, mediaHosts });
    const started = await applyEvent(deps.db, job.id, { type: 'download_started', downloadId }, deps.now());
    if (!started) return;
    // The file is on its way: nothing after this may send the job back (that would download it twice).
    const thumbnail = await deps.fetchThumbnail(link.thumbnailUrl).catch(() => null);
    // A link resolved again (download again) may not know the expiry the first one had: keep that one.
    const expiry = link.expiresAt === null ? {} : { mediaExpiresAt: link.expiresAt };
    const result = { downloadId, fileName, ...expiry, thumbnail };
    await recordResult(deps.db, started, result, deps.now());
  } catch (error) {
    // The browser is closing (it refuses every call): the intent stays, and the next start adopts the
    // download by its name or starts it then; no attempt is spent on it.
    if (isAuthError(error) || isBrowserShuttingDown(error)) throw error;
    // A link we refuse (AppError), or an answer the backend gave that we cannot use, will not improve
    // by retrying.
    if (errorCode(error) === 'bad_response' || (isBackendError(error) && error.unexpected)) {
      await applyEvent(deps.db, job.id, { type: 'fail', error: toJobError(error) }, deps.now());
      return;
    }
    // Reliability docs/reliability.md §14: the media link's endpoint may have asked us to wait (Retry-After).
    const retryAfterMs = isBackendError(error) ? error.retryAfterMs : null;
    const delayMs = backoffDelay(job.attempts, DEFAULT_BACKOFF, deps.random, retryAfterMs);
    await applyEvent(deps.db, job.id, { type: 'retry_later', error: toJobError(error), delayMs }, deps.now());
  }
}

/** Checks running downloads (a missed onChanged event while the worker slept is caught here). */
export async function watchDownloads(deps: PipelineDeps, state: TickState): Promise<void> {
  for (const job of await jobsOf(deps, ['downloading'])) {
    const id = job.download?.downloadId;
    if (id == null) continue;
    const info = await deps.downloads.get(id);
    await settleDownload(deps, job, info, state.now, { sidecar: state.settings.sidecar });
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
  options: { sidecar: boolean },
): Promise<void> {
  if (info?.state === 'complete') {
    // The sidecar is written once the file is whole, before the job is done: if the browser refuses it
    // (shutting down), the job stays downloading and the next look writes it (overwrite: never "(1)").
    if (options.sidecar && job.download) {
      const sidecar = job.download.fileName.replace(/\.[a-z0-9]+$/, '.json');
      const written = await deps.downloads
        .download({ url: sidecarUrl(job), filename: sidecar, conflict: 'overwrite' })
        .then(
          () => true,
          () => false,
        );
      if (!written) return;
    }
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
  // A browser closed as the file arrived leaves it canceled with nothing kept: it is fetched again
  // under the same name, and the dead entry goes first.
  if (info) await deps.downloads.forget(info.id);
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
  for (const job of await jobsOf(deps, ['ready'])) {
    if (!job.download || job.download.downloadId !== null) continue;
    const found = await deps.downloads.findByName(namePattern(job.download.fileName));
    const existing = found.find((d) => d.state !== 'interrupted') ?? found[0];
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
