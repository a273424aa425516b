import type { Backend } from '../backend/backend';
import type { SoraDb } from '../db/schema';
import { AppError } from '../errors';
import { jobFileName } from '../pipeline/download';
import { type ResultLink, resultLink } from '../pipeline/result-link';
import type { DownloadsPort } from '../platform/downloads';
import { readSettings } from '../settings/items';

function notFound(): Error {
  return new AppError('not_found', 'This job has no finished file.');
}

async function finishedLink(db: SoraDb, backend: Backend, id: string): Promise<ResultLink> {
  const job = await db.jobs.get(id);
  if (job?.status !== 'completed') throw notFound();
  const link = await resultLink({ db, backend }, job);
  if (!link) throw notFound();
  return link;
}

/** A fresh link to a finished job's file (for in-place preview); links are credentials, never stored. */
export async function mediaLink(db: SoraDb, backend: Backend, id: string): Promise<string> {
  return (await finishedLink(db, backend, id)).url;
}

/** Downloads a finished job's file again, under its original name (the browser adds " (1)"). */
export async function redownload(
  db: SoraDb,
  deps: { backend: Backend; downloads: DownloadsPort },
  id: string,
): Promise<number> {
  const link = await finishedLink(db, deps.backend, id);
  const job = (await db.jobs.get(id))!;
  const filename =
    job.download?.fileName ?? jobFileName((await readSettings()).filenameTemplate, job, link.extension);
  return deps.downloads.download({ url: link.url, filename, conflict: 'uniquify' });
}
