import type { SoraDb } from '../db/schema';
import type { DownloadsPort } from '../platform/downloads';
import type { FullBackend } from '../sora/backend';

function notFound(): Error {
  return Object.assign(new Error('This job has no finished video.'), { code: 'not_found' });
}

/** A fresh signed link to a finished job's video; links are credentials, so they are never stored. */
export async function mediaLink(db: SoraDb, backend: FullBackend, id: string): Promise<string> {
  const job = await db.jobs.get(id);
  if (!job?.generationId || job.status !== 'completed') throw notFound();
  return (await backend.resolveMedia(job.generationId)).url;
}

/** Downloads a finished job's video again, under its original name (the browser adds " (1)"). */
export async function redownload(
  db: SoraDb,
  deps: { backend: FullBackend; downloads: DownloadsPort },
  id: string,
): Promise<number> {
  const job = await db.jobs.get(id);
  const url = await mediaLink(db, deps.backend, id);
  const filename = job?.download?.fileName ?? `Sora Companion/${id.slice(0, 8)}.mp4`;
  return deps.downloads.download({ url, filename, conflict: 'uniquify' });
}
