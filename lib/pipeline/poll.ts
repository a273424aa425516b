import { applyEvent, jobsIn } from '../db/jobs';
import type { JobRow } from '../queue/job';
import { IN_FLIGHT_STATUSES } from '../queue/status';
import type { PollResult, RecentTask } from '../sora/backend';
import { matchesCreate } from '../sora/reconcile';
import { finalizeCharacter } from './characters';
import type { PipelineDeps, TickState } from './context';
import { MODES, modeOf } from './modes';
import { videoSpec } from './modes/video';

/**
 * How long a task may be absent from both pending and drafts before its job fails. Drafts lag and
 * tasks blink out of pending (docs/backend-facts.md §5.2), so this is generous; it exists so no job waits forever.
 */
export const MISSING_LIMIT_MS = 15 * 60_000;

/** How long an uncertain create is looked for before it counts as never created. */
export const RECONCILE_WINDOW_MS = 30_000;

/**
 * The one shared poll: one pending request for every running video job, whatever their number
 * (plus one image-task request while images run, one status call per character in processing).
 */
export async function pollStep(
  deps: PipelineDeps,
  state: TickState,
  wantSlots: boolean,
): Promise<PollResult | null> {
  const tracked = await jobsIn(deps.db, IN_FLIGHT_STATUSES);
  const byTrack = (track: string): JobRow[] =>
    tracked.filter((job) => MODES[modeOf(job.request)].track === track);
  await pollImages(deps, state, byTrack('image'));
  await pollCharacters(deps, state, byTrack('character'));
  // A character upload or a text job cut off by a dead worker cannot be matched remotely: after
  // the window it is simply started again.
  for (const job of [...byTrack('character'), ...byTrack('none')]) {
    if (job.status === 'reconciling') await reconcile(deps, state, job, []);
  }
  const videos = byTrack('video');
  if (videos.length === 0 && !wantSlots) return null;
  const taskIds = videos.flatMap((job) => (job.taskId ? [job.taskId] : []));
  const result = await deps.backend.poll(taskIds);
  for (const job of videos) {
    if (job.status === 'reconciling') await reconcile(deps, state, job, result.recent);
    else await applySnapshot(deps, state, job, result);
  }
  return result;
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
  result: PollResult,
): Promise<void> {
  const snapshot = job.taskId ? result.tasks.get(job.taskId) : undefined;
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
  if (jobs.length === 0) return;
  const result = await deps.backend.pollImages(jobs.flatMap((job) => (job.taskId ? [job.taskId] : [])));
  for (const job of jobs) {
    if (job.status === 'reconciling') {
      await reconcile(deps, state, job, result.recent);
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
}

/** Characters are processed after upload; when ready they are finalized and saved (docs/backend-facts.md §4.9). */
async function pollCharacters(deps: PipelineDeps, state: TickState, jobs: readonly JobRow[]): Promise<void> {
  for (const job of jobs) {
    if (!job.taskId || job.status !== 'generating') continue;
    const status = await deps.backend.characterStatus(job.taskId);
    if (status.state === 'failed') await fail(deps, job, 'generation_failed', status.reason, state.now);
    if (status.state !== 'ready') continue;
    const character = await finalizeCharacter(deps, job, job.taskId, status, state.now);
    await applyEvent(deps.db, job.id, { type: 'generated', generationId: character.characterId }, state.now);
  }
}

/**
 * Matches an uncertain create against what the account has in flight or just finished: same prompt
 * and parameters, created after the intent, and not already another job's task.
 */
async function reconcile(
  deps: PipelineDeps,
  state: TickState,
  job: JobRow,
  recent: readonly RecentTask[],
): Promise<void> {
  const intentAt = job.createIntentAt ?? 0;
  const spec = job.request.kind === 'video' ? await videoSpec(deps, job) : null;
  const prompt = job.request.kind === 'image' ? job.request.prompt : null;
  for (const task of recent) {
    const same = spec ? matchesCreate(task, spec, intentAt) : prompt !== null && task.prompt === prompt;
    if (!same || (await deps.db.jobs.where('taskId').equals(task.taskId).count()) > 0) continue;
    await applyEvent(deps.db, job.id, { type: 'created', taskId: task.taskId }, state.now);
    return;
  }
  if (state.now - intentAt > RECONCILE_WINDOW_MS)
    await applyEvent(deps.db, job.id, { type: 'not_created' }, state.now);
}
