import type { Backend } from '../backend/backend';
import type { SoraDb } from '../db/schema';
import { AppError } from '../errors';
import { jobFileName } from '../pipeline/download';
import { type ResultLink, resultLink } from '../pipeline/result-link';
import type { DownloadsPort } from '../platform/downloads';
import { readSettings } from '../settings/items';

type BackendOf = (id: string) => Promise<Backend | null>;

function notFound(): Error {
  return new AppError('not_found', 'This job has no finished file.');
}

/** A fresh link to a finished job's file, from the backend that made it. */
async function finishedLink(db: SoraDb, backendOf: BackendOf, id: string): Promise<ResultLink> {
  const job = await db.jobs.get(id);
  if (job?.status !== 'completed') throw notFound();
  const backend = await backendOf(job.backendId);
  if (!backend) throw new AppError('not_found', 'The connection that made this file was removed.');
  const link = await resultLink({ db, backend }, job);
  if (!link) throw notFound();
  return link;
}

/** A fresh link to a finished job's file (for in-place preview); links are credentials, never stored. */
export async function mediaLink(db: SoraDb, backendOf: BackendOf, id: string): Promise<string> {
  const link = await finishedLink(db, backendOf, id);
  // A file that needs the API key cannot be shown in a page (the key never reaches one).
  if (link.headers.length > 0)
    throw new AppError('not_found', 'This file opens from your downloads: its server needs the key.');
  return link.url;
}

/** Downloads a finished job's file again, under its original name (the browser adds " (1)"). */
export async function redownload(
  db: SoraDb,
  deps: { backendOf: BackendOf; downloads: DownloadsPort },
  id: string,
): Promise<number> {
  const link = await finishedLink(db, deps.backendOf, id);
  const job = (await db.jobs.get(id))!;
  const filename =
    job.download?.fileName ?? jobFileName((await readSettings()).filenameTemplate, job, link.extension);
  const { url, headers, mediaHosts } = link;
  return deps.downloads.download({ url, filename, conflict: 'uniquify', headers, mediaHosts });
}
