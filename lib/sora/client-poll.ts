import type { Caller } from './call';
import { isSoraError } from './errors';
import {
  type Draft,
  DraftByIdSchema,
  DraftsPageSchema,
  PendingResponseSchema,
  type PendingTask,
} from './schemas';
import { type RecentImageTask, RecentTasksSchema } from './schemas-extra';

export interface DraftsPage {
  items: Draft[];
  cursor: string | null;
}

const isNotFound = (error: unknown): boolean => isSoraError(error) && error.status === 404;

/**
 * Reads `primary`, and after a 404 the legacy path from then on (docs/backend-facts.md §1: `pending/v2` vs the older
 * `pending`, `drafts/v2` vs the older `drafts` that SHC/GO/ZHU still use).
 */
function withFallback<A extends unknown[], R>(
  primary: (...args: A) => Promise<R>,
  legacy: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let useLegacy = false;
  return async (...args) => {
    if (useLegacy) return legacy(...args);
    try {
      return await primary(...args);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      useLegacy = true;
      return legacy(...args);
    }
  };
}

function draftsAt(call: Caller, base: string) {
  return async (cursor: string | null = null, limit = 15): Promise<DraftsPage> => {
    const query = new URLSearchParams({ limit: String(limit) });
    if (cursor) query.set('cursor', cursor);
    const page = await call.read('drafts', `${base}?${query}`, DraftsPageSchema);
    return { items: page.items, cursor: page.cursor ?? null };
  };
}

/** Polling endpoints (docs/backend-facts.md §5): reads only, no sentinel. */
export function createPollEndpoints(call: Caller) {
  return {
    /** In-flight video tasks; a non-array body fails the poll, it never means "nothing pending" (docs/backend-facts.md §5.1). */
    pending: withFallback(
      (): Promise<PendingTask[]> => call.read('pending', '/nf/pending/v2', PendingResponseSchema),
      (): Promise<PendingTask[]> => call.read('pending', '/nf/pending', PendingResponseSchema),
    ),
    /** One page of drafts, newest first; pass the returned cursor for the next (docs/backend-facts.md §5.2). */
    drafts: withFallback(
      draftsAt(call, '/project_y/profile/drafts/v2'),
      draftsAt(call, '/project_y/profile/drafts'),
    ),
    /** One draft by generation id (docs/backend-facts.md §5.6). */
    async draft(generationId: string): Promise<Draft> {
      const path = `/project_y/profile/drafts/v2/${encodeURIComponent(generationId)}`;
      return (await call.read('draft', path, DraftByIdSchema)).draft;
    },
    /** Recent image tasks (docs/backend-facts.md §5.4). */
    async recentImageTasks(limit = 20): Promise<RecentImageTask[]> {
      const body = await call.read('recent_tasks', `/v2/recent_tasks?limit=${limit}`, RecentTasksSchema);
      return body.task_responses;
    },
  };
}
