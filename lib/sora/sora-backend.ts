import type { FullBackend, MediaLink, PollResult } from './backend';
import type { SoraClient } from './client';
import { guardCreate, videoBody } from './create-body';
import { SoraError } from './errors';
import { pollLists } from './poll-lists';
import type { Session } from './session';
import { sasExpiry } from './snapshots';
import { type CapabilityDeps, createCapabilities } from './sora-capabilities';

export { fromDraft } from './snapshots';

/** Creates the Backend over the sora.chatgpt.com client. */
export function createSoraBackend(
  client: SoraClient,
  session: Session,
  deps: CapabilityDeps = {},
): FullBackend {
  const capabilities = createCapabilities(client, deps);

  return {
    ...capabilities,
    async session() {
      const state = await session.check();
      return state.state === 'signed-in' ? { ...state, plan: await capabilities.cachedPlan() } : state;
    },
    create: (spec) => guardCreate(() => client.createVideo(videoBody(spec))),
    poll: (taskIds, options): Promise<PollResult> =>
      pollLists(
        { pending: () => client.pending(), drafts: (cursor) => client.drafts(cursor) },
        taskIds,
        options,
      ),
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
