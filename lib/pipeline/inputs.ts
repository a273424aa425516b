import { type InputRow, InputRowSchema, MAX_INPUT_BYTES } from '../db/rows';
import type { SoraDb } from '../db/schema';
import type { MediaRef } from '../prompt/request';
import { isTerminal } from '../queue/status';

/** How a job's request refers to media kept in the `inputs` table. */
export const INPUT_SCHEME = 'sora-input:';

/** Decodes a base64 data URL into a Blob without keeping the string around longer than needed. */
export function dataUrlToBlob(url: string): Blob {
  const comma = url.indexOf(',');
  const header = url.slice(5, comma);
  const mime = header.split(';')[0] || 'application/octet-stream';
  const binary = atob(url.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

/**
 * Moves a data-URL input into the `inputs` table (shared by every job of one submission) and returns
 * the short reference stored on the jobs instead, so job rows stay small for the live queue view.
 */
export async function storeInput(
  db: SoraDb,
  media: MediaRef,
  kind: 'image' | 'video',
  jobIds: readonly string[],
  now: number,
): Promise<MediaRef> {
  if (media.source !== 'data') return media;
  const data = dataUrlToBlob(media.url);
  if (data.size > MAX_INPUT_BYTES)
    throw new Error(`The ${kind} is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MB.`);
  const row: InputRow = {
    id: crypto.randomUUID(),
    jobIds: [...jobIds],
    kind,
    mime: media.mime,
    size: data.size,
    data,
    upload: null,
    createdAt: now,
  };
  await db.inputs.add(InputRowSchema.parse(row));
  return { ...media, url: `${INPUT_SCHEME}${row.id}` };
}

/** The stored input a media reference points at, if it is one. */
export async function storedInput(db: SoraDb, media: MediaRef): Promise<InputRow | null> {
  if (!media.url.startsWith(INPUT_SCHEME)) return null;
  return (await db.inputs.get(media.url.slice(INPUT_SCHEME.length))) ?? null;
}

/** The bytes behind a media reference: a stored input, or a link fetched now (its host must be granted). */
export async function loadInput(db: SoraDb, media: MediaRef): Promise<Blob> {
  if (media.url.startsWith(INPUT_SCHEME)) {
    const row = await db.inputs.get(media.url.slice(INPUT_SCHEME.length));
    if (!row) throw new Error('The uploaded file is no longer stored; add it again.');
    return row.data;
  }
  if (media.source === 'data') return dataUrlToBlob(media.url);
  const response = await fetch(media.url, {
    credentials: 'omit',
    redirect: 'error',
    signal: AbortSignal.timeout(25_000),
  });
  if (!response.ok) throw new Error(`Could not fetch ${new URL(media.url).host} (HTTP ${response.status}).`);
  return response.blob();
}

/** Drops stored inputs no unfinished job needs any more (bounded storage, nothing kept after upload). */
export async function pruneInputs(db: SoraDb): Promise<number> {
  let dropped = 0;
  for (const row of await db.inputs.toArray()) {
    const jobs = await db.jobs.bulkGet(row.jobIds);
    // Needed until the job's remote work exists (a retry after that reuses the recorded upload ids).
    const needed = jobs.some((job) => job && !isTerminal(job.status) && job.taskId === null);
    if (!needed) {
      await db.inputs.delete(row.id);
      dropped++;
    }
  }
  return dropped;
}
