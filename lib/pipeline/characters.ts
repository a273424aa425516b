import { type CharacterRow, CharacterRowSchema } from '../db/rows';
import type { JobRow } from '../queue/job';
import type { CharacterStatus } from '../sora/backend';
import { usernameFromHint } from '../sora/sora-capabilities';
import type { PipelineDeps } from './context';

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
    avatar: await deps.fetchThumbnail(status.profileAssetUrl),
    createdAt: now,
  };
  await deps.db.characters.put(CharacterRowSchema.parse(row));
  return row;
}
