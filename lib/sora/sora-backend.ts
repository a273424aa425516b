import type { FullBackend, MediaLink, PollResult, RecentTask, TaskSnapshot } from './backend';
import type { SoraClient } from './client';
import { guardCreate, videoBody } from './create-body';
import { SoraError } from './errors';
import type { Session } from './session';
import { FAILED_STATUSES, fromDraft, fromPending, sasExpiry, toRecent } from './snapshots';
import { type CapabilityDeps, createCapabilities } from './sora-capabilities';

export { fromDraft } from './snapshots';

/** Stop paging drafts after this many pages per poll; the rest is looked up next poll. */
const MAX_DRAFT_PAGES = 5;

/** Creates the Backend over the sora.chatgpt.com client. */
export function createSoraBackend(
  client: SoraClient,
  session: Session,
  deps: CapabilityDeps = {},
): FullBackend {
  const capabilities = createCapabilities(client, deps);

  async function lookInDrafts(missing: Set<string>, found: Map<string, TaskSnapshot>, recent: RecentTask[]) {
    let cursor: string | null = null;
    for (let page = 0; page < MAX_DRAFT_PAGES && missing.size > 0; page++) {
      const result = await client.drafts(cursor);
      for (const draft of result.items) {
        const task = toRecent(draft, 'drafts');
        if (!task) continue;
        recent.push(task);
        if (missing.delete(task.taskId)) found.set(task.taskId, fromDraft(draft));
      }
      cursor = result.cursor;
      if (!cursor) break;
    }
  }

  return {
    ...capabilities,
    async session() {
      const state = await session.check();
      return state.state === 'signed-in' ? { ...state, plan: await capabilities.cachedPlan() } : state;
    },
    create: (spec) => guardCreate(() => client.createVideo(videoBody(spec))),
    async poll(taskIds): Promise<PollResult> {
      const pending = await client.pending();
      const tasks = new Map<string, TaskSnapshot>();
      const recent = pending.flatMap((t) => toRecent(t, 'pending') ?? []);
      const byId = new Map(pending.map((t) => [t.id, t]));
      const missing = new Set<string>();
      for (const id of taskIds) {
        const task = byId.get(id);
        if (task) tasks.set(id, fromPending(task));
        else missing.add(id);
      }
      // docs/backend-facts.md §5.2: a task that left pending is looked up in drafts, which may lag ("missing" → next poll).
      if (missing.size > 0) await lookInDrafts(missing, tasks, recent);
      for (const id of missing) tasks.set(id, { state: 'missing' });
      const active = pending.filter((t) => !FAILED_STATUSES.has(t.status ?? '')).length;
      return { activeCount: active, tasks, recent };
    },
    async resolveMedia(generationId): Promise<MediaLink> {
      const draft = await client.draft(generationId);
      // docs/backend-facts.md §6.1: no_watermark (null for most), downloadable_url (full quality), url (medium); https only.
      const url = [draft.download_urls?.no_watermark, draft.downloadable_url, draft.url].find((u) =>
        u?.startsWith('https://'),
      );
      if (!url) {
        throw new SoraError({
          code: 'bad_response',
          message: 'Sora has no downloadable file for this video yet.',
          endpoint: 'draft',
        });
      }
      // docs/backend-facts.md §6.2 [conflict]: encodings carry `url` or `path`; use it only when it is an https link.
      const thumb = draft.encodings?.thumbnail;
      const thumbnailUrl = [thumb?.url, thumb?.path].find((u) => u?.startsWith('https://')) ?? null;
      return { url, expiresAt: sasExpiry(url), thumbnailUrl };
    },
  };
}
