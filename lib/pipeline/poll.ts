import type { PollResult, RecentTask, TaskSnapshot } from '../backend/backend';
import { applyEvent } from '../db/jobs';
import type { JobRow } from '../queue/job';
import { finalizeCharacter } from './characters';
import type { PipelineDeps, TickState } from './context';
import { findExtras, followExtras, followedExtras } from './extras';
import { MODES, modeOf } from './modes';
import { ownedAmong } from './owned';
import { reconcileListed, reconcileUnlisted } from './reconcile';
import { jobsOf } from './scope';

export { RECONCILE_MIN_LOOKS, RECONCILE_WINDOW_MS } from './reconcile';

/**
 * How long a task may be absent from both pending and drafts before its job fails. Drafts lag and
 * tasks blink out of pending (docs/backend-facts.md §5.2), so this is generous; it exists so no job waits forever.
 */
export const MISSING_LIMIT_MS = 15 * 60_000;

const trackOf = (job: JobRow): string => MODES[modeOf(job.request)].track;
const idsOf = (tasks: readonly RecentTask[]): string[] => tasks.map((t) => t.taskId);

/**
 * The one shared poll: one pending request for every running video job, whatever their number
 * (drafts while a task left pending or a lost create is looked for; one image-task request while
 * images run; one status call per character in processing).
 */
export async function pollStep(
  deps: PipelineDeps,
  state: TickState,
  wantSlots: boolean,
): Promise<PollResult | null> {
  const open = await jobsOf(deps, ['generating', 'reconciling', 'ready', 'downloading']);
  const byTrack = (track: string): JobRow[] => open.filter((job) => trackOf(job) === track);
  await pollImages(deps, state, byTrack('image'));
  await pollCharacters(deps, state, byTrack('character'));
  for (const job of [...byTrack('character'), ...byTrack('none')]) {
    if (job.status === 'reconciling') await reconcileUnlisted(deps, state, job);
  }
  return pollVideos(deps, state, byTrack('video'), wantSlots);
}

async function pollVideos(
  deps: PipelineDeps,
  state: TickState,
  jobs: readonly JobRow[],
  wantSlots: boolean,
): Promise<PollResult | null> {
  const tracked = jobs.filter((job) => job.status === 'generating' || job.status === 'reconciling');
  const extras = followedExtras(jobs);
  if (tracked.length === 0 && extras.length === 0 && !wantSlots) return null;
  const taskIds = [...tracked.flatMap((job) => (job.taskId ? [job.taskId] : [])), ...extras];
  const lost = tracked.filter((job) => job.status === 'reconciling');
  const intents = lost.map((job) => job.createIntentAt ?? 0);
  const draftsSince = intents.length > 0 ? Math.min(...intents) : null;
  const result = await deps.backend.poll(taskIds, { recentSince: draftsSince });
  const owned =
    lost.length > 0 ? await ownedAmong(deps.db, idsOf(result.recent), state.now) : new Set<string>();
  for (const job of tracked) {
    if (job.status === 'reconciling') await reconcileListed(deps, state, job, result.recent, owned);
    else await applySnapshot(deps, state, job, result.tasks);
  }
  await followExtras(deps, state, jobs, result.tasks);
  await findExtras(deps, state, await fresh(deps, jobs), result.recent);
  return result;
}

/** The same jobs as stored now (a poll may have moved them on), those still running. */
async function fresh(deps: PipelineDeps, jobs: readonly JobRow[]): Promise<JobRow[]> {
  const rows = await deps.db.jobs.bulkGet(jobs.map((job) => job.id));
  return rows.filter(
    (job): job is JobRow => job !== undefined && ['generating', 'ready', 'downloading'].includes(job.status),
  );
}

const fail = (
  deps: PipelineDeps,
  job: JobRow,
  code: string,
  message: string,
  now: number,
): Promise<unknown> => applyEvent(deps.db, job.id, { type: 'fail', error: { code, message } }, now);

async function progress(deps: PipelineDeps, job: JobRow, value: number | null, now: number): Promise<void> {
  if (value !== null && value > job.progress)
    await applyEvent(deps.db, job.id, { type: 'progress', progress: value }, now);
}

/** docs/backend-facts.md §5.2: drafts lag and tasks blink out of pending; keep looking, within a bound. */
async function missing(deps: PipelineDeps, state: TickState, job: JobRow): Promise<void> {
  if (!job.taskId) return;
  const since = state.missingSince.get(job.taskId) ?? state.now;
  state.missingSince.set(job.taskId, since);
  if (state.now - since <= MISSING_LIMIT_MS) return;
  state.missingSince.delete(job.taskId);
  const message = 'Sora no longer lists this result (it left the queue and never appeared in your drafts).';
  await fail(deps, job, 'lost', message, state.now);
}

async function applySnapshot(
  deps: PipelineDeps,
  state: TickState,
  job: JobRow,
  tasks: ReadonlyMap<string, TaskSnapshot>,
): Promise<void> {
  const snapshot = job.taskId ? tasks.get(job.taskId) : undefined;
  if (!snapshot || !job.taskId) return;
  if (snapshot.state !== 'missing') state.missingSince.delete(job.taskId);
  switch (snapshot.state) {
    case 'running':
      return progress(deps, job, snapshot.progress, state.now);
    case 'done':
      await applyEvent(
        deps.db,
        job.id,
        { type: 'generated', generationId: snapshot.generationId },
        state.now,
      );
      return;
    case 'failed':
      await fail(deps, job, snapshot.code, snapshot.reason, state.now);
      return;
    case 'missing':
      return missing(deps, state, job);
  }
}

/** Image tasks are followed through the recent-tasks list, not pending/drafts (docs/backend-facts.md §5.4). */
async function pollImages(deps: PipelineDeps, state: TickState, jobs: readonly JobRow[]): Promise<void> {
  const tracked = jobs.filter((job) => job.status === 'generating' || job.status === 'reconciling');
  const extras = followedExtras(jobs);
  if (tracked.length === 0 && extras.length === 0) return;
  const ids = [...tracked.flatMap((job) => (job.taskId ? [job.taskId] : [])), ...extras];
  if (!deps.backend.images) return;
  const result = await deps.backend.images.poll(ids);
  const lost = tracked.some((job) => job.status === 'reconciling');
  const owned = lost ? await ownedAmong(deps.db, idsOf(result.recent), state.now) : new Set<string>();
  for (const job of tracked) {
    if (job.status === 'reconciling') {
      await reconcileListed(deps, state, job, result.recent, owned);
      continue;
    }
    const snapshot = job.taskId ? result.tasks.get(job.taskId) : undefined;
    if (!snapshot || !job.taskId) continue;
    if (snapshot.state === 'running') await progress(deps, job, snapshot.progress, state.now);
    else if (snapshot.state === 'failed')
      await fail(deps, job, 'generation_failed', snapshot.reason, state.now);
    else if (snapshot.state === 'missing') await missing(deps, state, job);
    else {
      const generationId = snapshot.generationId ?? job.taskId;
      await applyEvent(deps.db, job.id, { type: 'generated', generationId }, state.now);
    }
  }
  await followExtras(deps, state, jobs, result.tasks);
  await findExtras(deps, state, await fresh(deps, jobs), result.recent);
}

/** Characters are processed after upload; when ready they are finalized and saved (docs/backend-facts.md §4.9). */
async function pollCharacters(deps: PipelineDeps, state: TickState, jobs: readonly JobRow[]): Promise<void> {
  const characters = deps.backend.characters;
  for (const job of characters ? jobs : []) {
    if (!job.taskId || job.status !== 'generating' || !characters) continue;
    const status = await characters.status(job.taskId);
    if (status.state === 'failed') await fail(deps, job, 'generation_failed', status.reason, state.now);
    if (status.state !== 'ready') continue;
    const character = await finalizeCharacter(deps, job, job.taskId, status, state.now);
    await applyEvent(deps.db, job.id, { type: 'generated', generationId: character.characterId }, state.now);
  }
}
