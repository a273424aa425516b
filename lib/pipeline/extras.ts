import type { ImageSnapshot, RecentTask, TaskSnapshot } from '../backend/backend';
import { applyEvent } from '../db/jobs';
import type { JobRow } from '../queue/job';
import type { PipelineDeps, TickState } from './context';
import { matcherFor } from './match';
import { ownedAmong } from './owned';
import { jobsOf } from './scope';

/** How long an extra may be absent from every list before it is given up (as for a job's own task). */
export const EXTRA_MISSING_LIMIT_MS = 15 * 60_000;

/** The task ids of extras still being generated: the shared poll follows them with the jobs' own. */
export const followedExtras = (jobs: readonly JobRow[]): string[] =>
  jobs.flatMap((job) => job.extras.filter((e) => e.state === 'generating').map((e) => e.taskId));

/** Applies what one poll says about each extra still being generated. */
export async function followExtras(
  deps: PipelineDeps,
  state: TickState,
  jobs: readonly JobRow[],
  snapshots: ReadonlyMap<string, TaskSnapshot | ImageSnapshot>,
): Promise<void> {
  for (const job of jobs) {
    for (const extra of job.extras) {
      const snapshot = extra.state === 'generating' ? snapshots.get(extra.taskId) : undefined;
      if (!snapshot) continue;
      if (snapshot.state !== 'missing') state.missingSince.delete(extra.taskId);
      const taskId = extra.taskId;
      if (snapshot.state === 'done') {
        const generationId = snapshot.generationId ?? taskId;
        await applyEvent(deps.db, job.id, { type: 'extra_generated', taskId, generationId }, state.now);
      } else if (snapshot.state === 'failed') {
        const error = { code: 'generation_failed', message: snapshot.reason };
        await applyEvent(deps.db, job.id, { type: 'extra_failed', taskId, error }, state.now);
      } else if (snapshot.state === 'missing') {
        const since = state.missingSince.get(taskId) ?? state.now;
        state.missingSince.set(taskId, since);
        if (state.now - since <= EXTRA_MISSING_LIMIT_MS) continue;
        const error = { code: 'lost', message: 'Sora no longer lists this extra video.' };
        await applyEvent(deps.db, job.id, { type: 'extra_failed', taskId, error }, state.now);
      }
    }
  }
}

/**
 * Finds tasks the backend made for a job beyond its own (Chromium resends a POST whose reused
 * connection closed before any answer byte, so one create can make two tasks): a listed task that
 * matches a running job's create — prompt, echoed parameters, after its intent — and that no job
 * owns. Never while a create is in flight or uncertain: that task would be the unowned one.
 */
export async function findExtras(
  deps: PipelineDeps,
  state: TickState,
  jobs: readonly JobRow[],
  recent: readonly RecentTask[],
): Promise<void> {
  const holders = jobs.filter((job) => job.taskId !== null && job.createIntentAt !== null);
  if (holders.length === 0 || recent.length === 0) return;
  const candidates: { job: JobRow; task: RecentTask }[] = [];
  for (const job of holders) {
    const matches = await matcherFor(deps, job);
    for (const task of matches ? recent.filter((t) => t.taskId !== job.taskId && matches(t)) : [])
      candidates.push({ job, task });
  }
  if (candidates.length === 0) return;
  if ((await jobsOf(deps, ['submitting', 'reconciling'])).length > 0) return;
  const owned = await ownedAmong(
    deps.db,
    candidates.map((c) => c.task.taskId),
    state.now,
  );
  for (const { job, task } of candidates) {
    if (owned.has(task.taskId)) continue;
    owned.add(task.taskId);
    await applyEvent(deps.db, job.id, { type: 'extra_found', taskId: task.taskId }, state.now);
  }
}
