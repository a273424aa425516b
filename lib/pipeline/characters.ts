import type { Backend, CharacterStatus } from '../backend/backend';
import { applyEvent } from '../db/jobs';
import { type CharacterRow, CharacterRowSchema } from '../db/rows';
import type { JobRow } from '../queue/job';
import type { PipelineDeps } from './context';
import { unsupported } from './modes/video';

type Ready = Extract<CharacterStatus, { state: 'ready' }>;

/** The backend's characters capability; a character job only runs on a backend that has it. */
function characters(backend: Backend): NonNullable<Backend['characters']> {
  if (!backend.characters) throw unsupported('characters');
  return backend.characters;
}

/** The name to finalize with: the one recorded before an earlier attempt, else a new one, recorded now. */
async function intentFor(
  deps: PipelineDeps,
  job: JobRow,
  cameoId: string,
  status: Ready,
  now: number,
): Promise<{ username: string; displayName: string; recorded: boolean }> {
  const intent = job.finalizeIntent;
  if (intent?.cameoId === cameoId) return { ...intent, recorded: true };
  const username = characters(deps.backend).usernameFor(status.usernameHint, deps.random);
  const displayName = status.displayNameHint ?? username;
  const saved = await applyEvent(deps.db, job.id, { type: 'finalize_intent', username, displayName }, now);
  if (!saved) throw new Error('The character job moved on before it could be finalized.');
  return { username, displayName, recorded: false };
}

/**
 * Finalizes a processed character once and saves it (name, avatar) for the composer's character
 * picker. The chosen name is recorded before finalize is sent; when a worker died between finalize
 * and the save, the cameo says `finalized` (docs/backend-facts.md §4.9 step 2) and it is not finalized again.
 */
export async function finalizeCharacter(
  deps: PipelineDeps,
  job: JobRow,
  cameoId: string,
  status: Ready,
  now: number,
): Promise<CharacterRow> {
  const existing = await deps.db.characters.where('jobId').equals(job.id).first();
  if (existing) return existing; // finalized and saved before the worker died: never twice
  const { username, displayName, recorded } = await intentFor(deps, job, cameoId, status, now);
  // No endpoint lists the account's characters (docs/backend-facts.md §4.9), so a finalize whose answer was lost
  // leaves the id unknown: the cameo id stands in. Videos use the character by `@username`, ours.
  const characterId =
    recorded && status.finalized
      ? cameoId
      : (await characters(deps.backend).finalize({ cameoId, username, displayName })).characterId;
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
