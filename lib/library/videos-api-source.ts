import { BackendError, isBackendError } from '../backend/errors';
import type { ApiHttpDeps } from '../backends/http';
import { type ApiKey, type KeyRing, noKeys } from '../backends/keyring';
import type { VideosApiConnection } from '../backends/videos-api/backend';
import { videosApiClientFor } from '../backends/videos-api/client';
import type { Video } from '../backends/videos-api/schemas';
import type { ItemFile, LibrarySource, ListedItem, ListPage } from './source';

/** `GET /videos` takes `limit` 1–100 (OpenAI/Azure reference "List videos"); 20 is the SDK's page. */
export const VIDEOS_PAGE = 20;

export interface VideosApiSourceDeps {
  http: ApiHttpDeps;
  keys: KeyRing;
  /** Whether the browser lets the extension reach the server now (its host permission). */
  hasAccess: () => Promise<boolean>;
}

/** `size` is `WIDTHxHEIGHT` (OAI-PY `types/video_size.py`); gateways may send something else. */
function dimensions(size: string | null | undefined): { width: number | null; height: number | null } {
  const m = /^(\d+)x(\d+)$/.exec(size ?? '');
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: null, height: null };
}

/** Why a listed video has no file to save yet, or ever (docs/backend-facts.md §11.1 statuses, `expires_at`). */
function noFile(v: Video, now: number): string | null {
  if (v.status === 'failed') return v.error?.message?.trim() || 'The video could not be generated.';
  if (v.status !== 'completed') return 'The video is still rendering; back it up again later.';
  if (v.expires_at != null && v.expires_at * 1000 <= now) return 'Its file has expired on the server.';
  return null;
}

function fromVideo(v: Video, now: number): ListedItem {
  const seconds = v.seconds == null ? null : Number(v.seconds);
  return {
    id: v.id,
    kind: 'video',
    prompt: v.prompt ?? '',
    model: v.model ?? null,
    createdAt: Math.round((v.created_at ?? 0) * 1000),
    durationS: seconds !== null && Number.isFinite(seconds) ? seconds : null,
    ...dimensions(v.size),
    generationId: v.id,
    noFileReason: noFile(v, now),
    // Plain values only: no link, no key (the sidecar is written from these).
    parameters: {
      status: v.status,
      seconds: v.seconds == null ? null : String(v.seconds),
      size: v.size ?? null,
      remixedFromVideoId: v.remixed_from_video_id ?? null,
    },
    // The still needs the key as a header too; the view shows none rather than keep a keyed fetch.
    thumbnailUrl: null,
  };
}

/**
 * The library of a Videos API connection: one list, `GET {base}/videos?order=desc&limit=&after=`
 * (a cursor page: `data`, `last_id`, `has_more`). Each file is `GET {base}/videos/{id}/content` with
 * the key in a header, read with the key that made the video where known, else any usable one.
 */
export function createVideosApiLibrarySource(
  connection: VideosApiConnection,
  deps: VideosApiSourceDeps,
): LibrarySource {
  const clientFor = (key: ApiKey) => videosApiClientFor(connection, deps.http, key);
  const host = new URL(connection.baseUrl).hostname;

  /** The key the list is read with: the first usable one, so every page of a walk uses the same. */
  async function listKey(): Promise<ApiKey> {
    const [key] = await deps.keys.all();
    if (!key) throw noKeys();
    return key;
  }

  /** The video's own key first (another project's key may not see it), then every other usable key. */
  async function keysFor(id: string): Promise<ApiKey[]> {
    const own = await deps.keys.forTask(id);
    const rest = (await deps.keys.all()).filter((k) => k.id !== own?.id);
    return own ? [own, ...rest] : rest;
  }

  async function fileOf(key: ApiKey, id: string): Promise<ItemFile | null> {
    const client = clientFor(key);
    const { video } = await client.retrieve(id);
    if (noFile(video, deps.http.now()) !== null) {
      if (video.status !== 'completed') return null;
      throw new BackendError({
        code: 'fatal',
        message: 'The video file has expired on the server and can no longer be downloaded.',
        endpoint: 'videos.retrieve',
      });
    }
    const request = await client.contentRequest(id);
    return { url: request.url, extension: 'mp4', headers: request.headers, mediaHosts: [host] };
  }

  return {
    id: connection.id,
    authMessage: 'Every key of this connection was refused: the backup waits until a working key is added.',
    lists: ['videos'],
    async page(_list, cursor): Promise<ListPage> {
      const client = clientFor(await listKey());
      const page = await client.list({
        order: 'desc',
        limit: VIDEOS_PAGE,
        ...(cursor ? { after: cursor } : {}),
      });
      const now = deps.http.now();
      const last = page.last_id ?? page.data.at(-1)?.id ?? null;
      // A page that says "more" but names nothing to page after ends the walk rather than loop.
      return { items: page.data.map((v) => fromVideo(v, now)), cursor: page.has_more && last ? last : null };
    },
    async file(item) {
      // A 404 with one key may be another project's video: it is gone only when no key sees it.
      let missing: unknown = noKeys();
      for (const key of await keysFor(item.id)) {
        try {
          return await fileOf(key, item.id);
        } catch (error) {
          if (!isBackendError(error) || error.status !== 404 || error.code === 'not_ready') throw error;
          missing = error;
        }
      }
      throw missing;
    },
    async blocked() {
      return (await deps.hasAccess())
        ? null
        : `This browser has not granted access to ${host}: use Grant on the options page.`;
    },
  };
}
