import type { RecentTask } from '../backend/backend';
import { applyEvent } from '../db/jobs';
import type { JobRow } from '../queue/job';
import type { PipelineDeps, TickState } from './context';
import { matcherFor } from './match';

/**
 * How long, counted from when the answer was lost, an uncertain create is looked for before it counts
 * as never created. docs/backend-facts.md §5.2: a finished task shows in drafts ~4 s after it left pending, drafts can
 * lag longer (SCD notes every 15 s), and new tasks may miss the first pending polls (SCT polls ≥ 3
 * times; GO gives up on a never-seen task after 30 s).
 */
export const RECONCILE_WINDOW_MS = 30_000;
/** …and at least this many complete looks at the lists in that time. */
export const RECONCILE_MIN_LOOKS = 3;

/** The look-out so far; rows stored before it existed count from their intent. */
const lookOutOf = (job: JobRow): { since: number; looks: number } =>
  job.reconcile ?? { since: job.createIntentAt ?? 0, looks: 0 };

/**
 * Matches an uncertain create against the lists one poll read (pending, drafts back past the intent,
 * recent image tasks): same prompt and parameters, created after the intent, not another job's task.
 * No match: one more look; after the window and enough looks, the create counts as not made.
 */
export async function reconcileListed(
  deps: PipelineDeps,
  state: TickState,
  job: JobRow,
  recent: readonly RecentTask[],
  owned: Set<string>,
): Promise<void> {
  if (!deps.backend.recover) return giveUp(deps, state, job);
  const matches = await matcherFor(deps, job);
  const task = matches ? recent.find((t) => matches(t) && !owned.has(t.taskId)) : undefined;
  if (task) {
    owned.add(task.taskId);
    await applyEvent(deps.db, job.id, { type: 'created', taskId: task.taskId }, state.now);
    return;
  }
  const looked = await applyEvent(deps.db, job.id, { type: 'looked' }, state.now);
  if (!looked) return;
  const { since, looks } = lookOutOf(looked);
  if (looks >= RECONCILE_MIN_LOOKS && state.now - since >= RECONCILE_WINDOW_MS)
    await applyEvent(deps.db, job.id, { type: 'not_created' }, state.now);
}

/**
 * A backend with no list to look in (a task API) cannot tell whether a create whose answer was lost
 * made a task: the job is never sent again by itself. It stops with a plain message; the user's
 * "Send again" (retry) is the only resend.
 */
async function giveUp(deps: PipelineDeps, state: TickState, job: JobRow): Promise<void> {
  const message =
    'The answer to this request was lost and this backend has no list to look for it in, so it was not sent again (that could make and bill a second video). If no video arrives, use Send again.';
  await applyEvent(deps.db, job.id, { type: 'fail', error: { code: 'lost_create', message } }, state.now);
}

/**
 * A character upload or a text job cut off by a dead worker cannot be matched remotely (no list
 * shows them): after the window it is simply started again.
 */
export async function reconcileUnlisted(deps: PipelineDeps, state: TickState, job: JobRow): Promise<void> {
  if (state.now - lookOutOf(job).since >= RECONCILE_WINDOW_MS)
    await applyEvent(deps.db, job.id, { type: 'not_created' }, state.now);
}
