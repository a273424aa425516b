import { type CharacterRow, CharacterRowSchema } from '../db/rows';
import type { JobRow } from '../queue/job';
import type { CharacterStatus } from '../sora/backend';
import { usernameFromHint } from '../sora/sora-capabilities';
import type { PipelineDeps } from './context';
import { isAllowedMediaUrl } from './download';

/** Largest avatar kept for the characters list. */
const MAX_AVATAR_BYTES = 512 * 1024;

async function fetchAvatar(url: string): Promise<Blob | null> {
  if (!isAllowedMediaUrl(url)) return null;
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      redirect: 'error',
      signal: AbortSignal.timeout(15_000),
    });
    const blob = response.ok ? await response.blob() : null;
    return blob && blob.size <= MAX_AVATAR_BYTES ? blob : null;
  } catch {
    return null;
  }
}

/** Finalizes a processed character and saves it (name, avatar) for the composer's character picker. */
export async function finalizeCharacter(
  deps: PipelineDeps,
  job: JobRow,
  cameoId: string,
  status: Extract<CharacterStatus, { state: 'ready' }>,
  now: number,
): Promise<CharacterRow> {
  const existing = await deps.db.characters.where('jobId').equals(job.id).first();
  if (existing) return existing; // finalized before the worker died: never twice
  const username = usernameFromHint(status.usernameHint, deps.random);
  const displayName = status.displayNameHint ?? username;
  const { characterId } = await deps.backend.finalizeCharacter({ cameoId, username, displayName });
  const row: CharacterRow = {
    characterId,
    cameoId,
    username,
    displayName,
    jobId: job.id,
    avatar: await fetchAvatar(status.profileAssetUrl),
    createdAt: now,
  };
  await deps.db.characters.put(CharacterRowSchema.parse(row));
  return row;
}
