import { isBackendError } from '../../backend/errors';
import { type ClientCreateOutcome as CreateOutcome, guardCreate } from '../errors';
import { type ApiHttpDeps, createApiHttp } from '../http';
import { parsePollAfter } from '../retry';
import { mapVideosApiFailure } from './map-error';
import { ModelListSchema, type Video, type VideoList, VideoListSchema, VideoSchema } from './schemas';

/** How the key travels: OpenAI's `Authorization: Bearer`, or Azure OpenAI's `api-key` header. */
export type AuthHeader = 'bearer' | 'api-key';

export interface VideosApiDeps extends ApiHttpDeps {
  /** e.g. `https://api.openai.com/v1`, `http://localhost:4000/v1`, `https://res.openai.azure.com/openai/v1`. */
  baseUrl: string;
  authHeader: AuthHeader;
  /** The key for this call; the client keeps no copy. */
  apiKey: () => string | Promise<string>;
}

/** An image for image-to-video: a file sent as multipart `input_reference`, or a public URL. */
export type InputReference = { kind: 'file'; blob: Blob; name: string } | { kind: 'url'; url: string };

export interface CreateVideoInput {
  prompt: string;
  model: string;
  /** As the API takes them: "4", "8", "12" (docs/backend-facts.md §11.1). */
  seconds?: string;
  /** e.g. "1280x720". */
  size?: string;
  inputReference?: InputReference;
}

/** A Video plus the server's polling hint (`openai-poll-after-ms`). */
export interface VideoAnswer {
  video: Video;
  pollAfterMs: number | null;
}

/** Where and how to fetch a finished file; `headers` carry the key, never the URL (chrome.downloads `headers`). */
export interface ContentRequest {
  url: string;
  headers: { name: string; value: string }[];
}

/** What a search for a create whose answer was lost found. */
export type LostCreateSearch =
  | { kind: 'found'; video: Video }
  | { kind: 'none' }
  | { kind: 'unsupported'; reason: string };

export interface FindLostCreateInput {
  prompt: string;
  model: string;
  /** When we sent the create (ms); videos made earlier are not ours. */
  since: number;
  /** Ids other jobs already own (two identical prompts in a batch must not claim one video). */
  exclude?: ReadonlySet<string>;
  /** Pages of 20 to read at most (newest first). */
  maxPages?: number;
}

/** Clocks differ between us and the server; `created_at` has whole seconds. */
export const CLOCK_SLACK_MS = 60_000;

function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** Gateways may echo `openai/sora-2` for `sora-2`, or the reverse. */
export function sameModel(echoed: string | null | undefined, asked: string): boolean {
  if (!echoed) return true;
  const tail = (m: string): string => m.split('/').pop() ?? m;
  return echoed === asked || tail(echoed) === tail(asked);
}

/** A client for the Videos API shape: one method per endpoint, every answer zod-parsed. */
export function createVideosApiClient(deps: VideosApiDeps) {
  const http = createApiHttp(deps, mapVideosApiFailure);
  const base = trimBase(deps.baseUrl);

  async function authHeaders(): Promise<{ headers: Record<string, string>; secrets: string[] }> {
    const key = await deps.apiKey();
    const headers: Record<string, string> =
      deps.authHeader === 'api-key' ? { 'api-key': key } : { authorization: `Bearer ${key}` };
    return { headers, secrets: [key] };
  }

  async function call(endpoint: string, path: string, init: RequestInit = {}) {
    const auth = await authHeaders();
    return {
      endpoint,
      url: `${base}${path}`,
      init: { ...init, headers: { ...auth.headers, ...(init.headers as Record<string, string>) } },
      secrets: auth.secrets,
    };
  }

  async function videoCall(endpoint: string, path: string, init?: RequestInit): Promise<VideoAnswer> {
    const { value, headers } = await http.json(await call(endpoint, path, init), VideoSchema);
    return { video: value, pollAfterMs: parsePollAfter(headers) };
  }

  /** JSON when there is no file (LiteLLM's examples), multipart with `input_reference` when there is (the SDK's way). */
  function createBody(input: CreateVideoInput): RequestInit {
    const fields: Record<string, string> = { prompt: input.prompt, model: input.model };
    if (input.seconds !== undefined) fields.seconds = input.seconds;
    if (input.size !== undefined) fields.size = input.size;
    const ref = input.inputReference;
    if (ref?.kind === 'file') {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set('input_reference', ref.blob, ref.name);
      return { method: 'POST', body: form }; // the browser sets the multipart boundary
    }
    const json = ref?.kind === 'url' ? { ...fields, input_reference: { image_url: ref.url } } : fields;
    return { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(json) };
  }

  const client = {
    /** `POST /videos`. A lost answer is `uncertain`: call `findLostCreate`, never create again blindly. */
    create: (input: CreateVideoInput): Promise<CreateOutcome<VideoAnswer>> =>
      guardCreate(() => videoCall('videos.create', '/videos', createBody(input))),

    /** `GET /videos/{id}`. */
    retrieve: (id: string): Promise<VideoAnswer> =>
      videoCall('videos.retrieve', `/videos/${encodeURIComponent(id)}`),

    /** `POST /videos/{id}/remix` for a completed video made on this connection. */
    remix: (id: string, prompt: string): Promise<CreateOutcome<VideoAnswer>> =>
      guardCreate(() =>
        videoCall('videos.remix', `/videos/${encodeURIComponent(id)}/remix`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ prompt }),
        }),
      ),

    /** `GET /videos?order=&limit=&after=` (a cursor page, newest first by default). */
    async list(query: { after?: string; limit?: number; order?: 'asc' | 'desc' } = {}): Promise<VideoList> {
      const q = new URLSearchParams();
      q.set('order', query.order ?? 'desc');
      q.set('limit', String(query.limit ?? 20));
      if (query.after) q.set('after', query.after);
      return (await http.json(await call('videos.list', `/videos?${q}`), VideoListSchema)).value;
    },

    /** `GET /models`: the ids the server lists; null when it lists none (404), so the user types a name. */
    async models(): Promise<string[] | null> {
      try {
        const { value } = await http.json(await call('models.list', '/models'), ModelListSchema);
        return value.data.map((m) => m.id);
      } catch (error) {
        if (isBackendError(error) && error.status === 404) return null;
        throw error;
      }
    },

    /** For `chrome.downloads.download({url, headers})`: the key goes in a header, never the URL. */
    async contentRequest(id: string, variant: 'video' | 'thumbnail' = 'video'): Promise<ContentRequest> {
      const { headers } = await authHeaders();
      return {
        url: `${base}/videos/${encodeURIComponent(id)}/content?variant=${variant}`,
        headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
      };
    },

    /** `GET /videos/{id}/content` read in memory (thumbnails, tests); a video file should go through downloads. */
    async content(id: string, variant: 'video' | 'thumbnail' = 'video'): Promise<ArrayBuffer> {
      const req = await call(
        'videos.content',
        `/videos/${encodeURIComponent(id)}/content?variant=${variant}`,
      );
      return (await http.bytes(req)).body;
    },

    /**
     * docs/backend-facts.md §13.3: a create whose answer was lost is looked for in `GET /videos` newest first —
     * same prompt, same model, made since we sent it, owned by no other job. The oldest such match wins.
     */
    async findLostCreate(input: FindLostCreateInput): Promise<LostCreateSearch> {
      const matches: Video[] = [];
      let after: string | undefined;
      for (let page = 0; page < (input.maxPages ?? 3); page++) {
        let list: VideoList;
        try {
          list = await client.list({ order: 'desc', limit: 20, ...(after ? { after } : {}) });
        } catch (error) {
          if (isBackendError(error) && (error.status === 404 || error.status === 405))
            return {
              kind: 'unsupported',
              reason: 'This server does not list videos, so a lost request cannot be found again.',
            };
          throw error;
        }
        let older = false;
        for (const v of list.data) {
          const at = (v.created_at ?? Number.POSITIVE_INFINITY) * 1000;
          if (at < input.since - CLOCK_SLACK_MS) older = true;
          else if (
            !input.exclude?.has(v.id) &&
            v.prompt?.trim() === input.prompt.trim() &&
            sameModel(v.model, input.model)
          )
            matches.push(v);
        }
        after = list.last_id ?? list.data.at(-1)?.id;
        if (older || !list.has_more || !after) break;
      }
      const oldest = matches.at(-1);
      return oldest ? { kind: 'found', video: oldest } : { kind: 'none' };
    },
  };
  return client;
}

export type VideosApiClient = ReturnType<typeof createVideosApiClient>;

/** A client for one of a connection's keys (the backend and the library source both speak through it). */
export function videosApiClientFor(
  connection: { baseUrl: string; authHeader: AuthHeader },
  http: ApiHttpDeps,
  key: { secret: string },
) {
  return createVideosApiClient({
    ...http,
    baseUrl: connection.baseUrl,
    authHeader: connection.authHeader,
    apiKey: () => key.secret,
  });
}
