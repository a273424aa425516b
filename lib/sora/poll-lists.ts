import type { ImagePollResult, PollOptions, PollResult, RecentTask, TaskSnapshot } from './backend';
import type { DraftsPage } from './client-poll';
import { RECONCILE_SKEW_MS } from './reconcile';
import type { PendingTask } from './schemas';
import type { RecentImageTask } from './schemas-extra';
import { FAILED_STATUSES, fromDraft, fromImageTask, fromPending, toRecent } from './snapshots';

/** The account's task lists as the backend serves them (docs/backend-facts.md §5.1, §5.2): what the shared poll reads. */
export interface TaskLists {
  /** In-flight video tasks only; a finished task has left it. */
  pending(): Promise<PendingTask[]>;
  /** One page of drafts, newest first, with the cursor of the next page (null on the last). */
  drafts(cursor: string | null): Promise<DraftsPage>;
}

/** Stop paging drafts after this many pages per poll (15 each); the rest is looked at next poll. */
export const MAX_DRAFT_PAGES = 5;

/**
 * Reads drafts newest first while a tracked task is still unaccounted for, or until a draft older
 * than `olderThan` shows that everything since a lost create's intent was seen.
 */
async function readDrafts(
  lists: TaskLists,
  missing: Set<string>,
  olderThan: number | null,
  found: Map<string, TaskSnapshot>,
  recent: RecentTask[],
): Promise<void> {
  let cursor: string | null = null;
  let reachedOlder = olderThan === null;
  for (let page = 0; page < MAX_DRAFT_PAGES && (missing.size > 0 || !reachedOlder); page++) {
    const result = await lists.drafts(cursor);
    for (const draft of result.items) {
      const at = typeof draft.created_at === 'number' ? draft.created_at * 1000 : null;
      if (olderThan !== null && at !== null && at < olderThan) reachedOlder = true;
      const task = toRecent(draft, 'drafts');
      if (!task) continue;
      recent.push(task);
      if (missing.delete(task.taskId)) found.set(task.taskId, fromDraft(draft));
    }
    cursor = result.cursor;
    if (!cursor) break;
  }
}

/** One shared poll over the lists: pending once, then drafts for what left it (docs/backend-facts.md §5.2). */
export async function pollLists(
  lists: TaskLists,
  taskIds: readonly string[],
  options: PollOptions = {},
): Promise<PollResult> {
  const pending = await lists.pending();
  const tasks = new Map<string, TaskSnapshot>();
  const recent = pending.flatMap((t) => toRecent(t, 'pending') ?? []);
  const byId = new Map(pending.map((t) => [t.id, t]));
  const missing = new Set<string>();
  for (const id of taskIds) {
    const task = byId.get(id);
    if (task) tasks.set(id, fromPending(task));
    else missing.add(id);
  }
  const since = options.draftsSince ?? null;
  const olderThan = since === null ? null : since - RECONCILE_SKEW_MS;
  // docs/backend-facts.md §5.2: a task that left pending is looked up in drafts, which may lag ("missing" → next poll).
  if (missing.size > 0 || olderThan !== null) await readDrafts(lists, missing, olderThan, tasks, recent);
  for (const id of missing) tasks.set(id, { state: 'missing' });
  const active = pending.filter((t) => !FAILED_STATUSES.has(t.status ?? '')).length;
  return { activeCount: active, tasks, recent };
}

/** Image tasks → snapshots and reconciliation candidates (docs/backend-facts.md §5.4: images skip pending/drafts). */
export function imagePoll(list: readonly RecentImageTask[], taskIds: readonly string[]): ImagePollResult {
  const byId = new Map(list.map((t) => [t.id, t]));
  const tasks = new Map(
    taskIds.map((id) => {
      const task = byId.get(id);
      return [id, task ? fromImageTask(task) : { state: 'missing' as const }];
    }),
  );
  return { tasks, recent: list.flatMap((t) => toRecent(t, 'images') ?? []) };
}
