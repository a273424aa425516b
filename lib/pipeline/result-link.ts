import type { Backend, MediaLink } from '../backend/backend';
import { isMediaUrl } from '../backend/media';
import { textDataUrl } from '../data-url';
import type { SoraDb } from '../db/schema';
import { AppError } from '../errors';
import type { JobRow } from '../queue/job';
import { MODES, modeOf } from './modes';

export interface ResultLink {
  url: string;
  expiresAt: number | null;
  extension: 'mp4' | 'png' | 'txt';
  thumbnailUrl: string | null;
}

function refused(): AppError {
  return new AppError(
    'bad_response',
    'Sora returned a file link on an unexpected host; it was not downloaded.',
  );
}

/**
 * A fresh link to a finished job's file, resolved now because signed links are credentials and never
 * stored (docs/backend-facts.md §6.3); null for results that are not files (a character).
 */
export async function resultLink(
  deps: { db: SoraDb; backend: Backend },
  job: JobRow,
): Promise<ResultLink | null> {
  const extension = MODES[modeOf(job.request)].extension;
  if (extension === null) return null;
  if (extension === 'txt') {
    const text = (await deps.db.results.get(job.id))?.text ?? '';
    return {
      url: textDataUrl(text, 'text/plain;charset=utf-8'),
      expiresAt: null,
      extension,
      thumbnailUrl: null,
    };
  }
  if (!job.generationId) throw new AppError('not_found', 'This job has no finished result.');
  let link: MediaLink | null = null;
  if (extension === 'png' && job.taskId) {
    // docs/backend-facts.md §5.4: image URLs come from the recent-tasks list; the image is its own thumbnail.
    const snapshot = deps.backend.images
      ? (await deps.backend.images.poll([job.taskId])).tasks.get(job.taskId)
      : undefined;
    const url = snapshot?.state === 'done' ? snapshot.urls[0] : undefined;
    if (url) link = { url, expiresAt: null, thumbnailUrl: url };
  }
  link ??= await deps.backend.resolveMedia(job.taskId ?? job.generationId, job.generationId);
  const hosts = deps.backend.declares.media.hosts;
  // Only https links on the backend's declared media hosts (Sora: docs/backend-facts.md §6.1) reach the downloader.
  if (!isMediaUrl(link.url, hosts)) throw refused();
  const thumbnailUrl = link.thumbnailUrl && isMediaUrl(link.thumbnailUrl, hosts) ? link.thumbnailUrl : null;
  return { url: link.url, expiresAt: link.expiresAt, extension, thumbnailUrl };
}
