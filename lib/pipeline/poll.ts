import { applyEvent, jobsIn } from '../db/jobs';
import type { JobRow } from '../queue/job';
import type { PollResult, RecentTask } from '../sora/backend';
import { matchesCreate } from '../sora/reconcile';
import type { PipelineDeps, TickState } from './context';
import { toGenerationSpec } from './spec';

/**
 * How long a task may be absent from both pending and drafts before its job fails. Drafts lag and
 * tasks blink out of pending (facts §5.2), so this is generous; it exists so no job waits forever.
 */
export const MISSING_LIMIT_MS = 15 * 60_000;

/** How long an uncertain create is looked for before it counts as never created. */
export const RECONCILE_WINDOW_MS = 30_000;

/** The one shared poll: one pending request for every running job, whatever their number. */
export async function pollStep(
  deps: PipelineDeps,
  state: TickState,
  wantSlots: boolean,
): Promise<PollResult | null> {
  const tracked = await jobsIn(deps.db, ['generating', 'reconciling']);
  if (tracked.length === 0 && !wantSlots) return null;
  const taskIds = tracked.flatMap((job) => (job.taskId ? [job.taskId] : []));
  const result = await deps.backend.poll(taskIds);
  for (const job of tracked) {
    if (job.status === 'reconciling') await reconcile(deps, state, job, result.recent);
    else await applySnapshot(deps, state, job, result);
  }
  return result;
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
      if (snapshot.progress !== null && snapshot.progress > job.progress) {
        await applyEvent(deps.db, job.id, { type: 'progress', progress: snapshot.progress }, state.now);
      }
      return;
    case 'done':
      await applyEvent(
        deps.db,
        job.id,
        { type: 'generated', generationId: snapshot.generationId },
        state.now,
      );
      return;
    case 'failed':
      await applyEvent(
        deps.db,
        job.id,
        { type: 'fail', error: { code: snapshot.code, message: snapshot.reason } },
        state.now,
      );
      return;
    case 'missing': {
      // facts §5.2: drafts lag and tasks blink out of pending; keep looking, within a bound.
      const since = state.missingSince.get(job.taskId) ?? state.now;
      state.missingSince.set(job.taskId, since);
      if (state.now - since <= MISSING_LIMIT_MS) return;
      const message =
        'Sora no longer lists this video (it left the queue and never appeared in your drafts).';
      await applyEvent(deps.db, job.id, { type: 'fail', error: { code: 'lost', message } }, state.now);
      state.missingSince.delete(job.taskId);
      return;
    }
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
  const spec = toGenerationSpec(job.request);
  const intentAt = job.createIntentAt ?? 0;
  for (const task of recent) {
    if (!spec || !matchesCreate(task, spec, intentAt)) continue;
    if ((await deps.db.jobs.where('taskId').equals(task.taskId).count()) > 0) continue;
    await applyEvent(deps.db, job.id, { type: 'created', taskId: task.taskId }, state.now);
    return;
  }
  if (state.now - intentAt > RECONCILE_WINDOW_MS)
    await applyEvent(deps.db, job.id, { type: 'not_created' }, state.now);
}
