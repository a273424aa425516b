import type { Backend, RecentTask, TaskSnapshot, VideoSpec } from '../../backend/backend';
import { BackendError, isBackendError } from '../../backend/errors';
import type { ApiHttpDeps } from '../http';
import { type ApiKey, type KeyRing, noKeys, withEachKey } from '../keyring';
import { videosApiDeclaration } from './capabilities';
import { CLOCK_SLACK_MS, sameModel, type VideoAnswer, videosApiClientFor } from './client';
import { toCreateVideoInput } from './request';
import type { Video } from './schemas';

/** Pages of 20 read back through `GET /videos` per key while a lost create is looked for. */
const LIST_PAGES = 3;
const POLICY = /moderation|content.?polic|safety|violat/i;

export interface VideosApiConnection {
  id: string;
  baseUrl: string;
  authHeader: 'bearer' | 'api-key';
  concurrency: number;
}

/** A listed video, with what its list echoes (read only by `recover.matches`). */
interface ListedVideo extends RecentTask {
  model: string | null;
  running: boolean;
}

function snapshotOf(video: Video): TaskSnapshot {
  switch (video.status) {
    case 'queued':
    case 'in_progress':
      return { state: 'running', progress: video.progress ?? null };
    case 'completed':
      return { state: 'done', generationId: video.id };
    case 'failed': {
      const reason = video.error?.message?.trim() || 'The video could not be generated.';
      const policy = POLICY.test(`${video.error?.code ?? ''} ${reason}`);
      return { state: 'failed', code: policy ? 'content_policy' : 'generation_failed', reason };
    }
  }
}

/**
 * The Videos API shape (`/v1/videos`: OpenAI, LiteLLM, new-api, Azure OpenAI; docs/backend-facts.md §11) on the
 * boundary. Creates use the connection's keys in turn and never a key the server refused; each task
 * is read with the key that made it; a lost create is found again in `GET /videos`; files are
 * fetched from `/content` with the key in a header, never in the URL.
 */
export function createVideosApiBackend(
  connection: VideosApiConnection,
  deps: { http: ApiHttpDeps; keys: KeyRing },
): Backend {
  const declares = videosApiDeclaration(connection);
  const clientFor = (key: ApiKey) => videosApiClientFor(connection, deps.http, key);

  async function created(
    key: ApiKey,
    outcome: Awaited<ReturnType<ReturnType<typeof clientFor>['create']>>,
  ): Promise<{ kind: 'created'; taskId: string } | { kind: 'uncertain'; reason: string }> {
    if (outcome.kind === 'uncertain') return { kind: 'uncertain', reason: outcome.reason };
    await deps.keys.remember(outcome.value.video.id, key.id);
    return { kind: 'created', taskId: outcome.value.video.id };
  }

  /** The server's pacing (docs/backend-facts.md §11.1): `openai-poll-after-ms` per video, `Retry-After` on a 429. */
  const pace = { until: 0, byTask: new Map<string, { at: number; snapshot: TaskSnapshot }>() };
  /** When a completed video's assets are gone (`expires_at`), for the gallery; read once at download. */
  const expiries = new Map<string, number>();
  const now = () => deps.http.now();

  async function retrieve(taskId: string): Promise<VideoAnswer | null> {
    const key = await deps.keys.forTask(taskId);
    if (!key) throw noKeys();
    try {
      return await clientFor(key).retrieve(taskId);
    } catch (error) {
      if (isBackendError(error) && error.status === 404) return null;
      if (isBackendError(error) && error.code === 'rate_limited')
        pace.until = now() + (error.retryAfterMs ?? 5_000);
      throw error;
    }
  }

  /** A video's state, asked again only once the server's poll hint has passed. */
  async function snapshot(taskId: string): Promise<TaskSnapshot> {
    const known = pace.byTask.get(taskId);
    if (known && known.at > now()) return known.snapshot;
    const answer = await retrieve(taskId);
    const next: TaskSnapshot = answer ? snapshotOf(answer.video) : { state: 'missing' };
    if (answer?.video.expires_at) expiries.set(taskId, answer.video.expires_at * 1000);
    if (answer?.pollAfterMs && next.state === 'running')
      pace.byTask.set(taskId, { at: now() + answer.pollAfterMs, snapshot: next });
    else pace.byTask.delete(taskId);
    return next;
  }

  async function listed(since: number): Promise<ListedVideo[]> {
    const out = new Map<string, ListedVideo>();
    for (const key of await deps.keys.all()) {
      const client = clientFor(key);
      let after: string | undefined;
      for (let page = 0; page < LIST_PAGES; page++) {
        const list = await client.list({ order: 'desc', limit: 20, ...(after ? { after } : {}) });
        let older = false;
        for (const video of list.data) {
          const at = video.created_at == null ? null : video.created_at * 1000;
          if (at !== null && at < since - CLOCK_SLACK_MS) older = true;
          else if (!out.has(video.id)) {
            out.set(video.id, {
              taskId: video.id,
              prompt: video.prompt ?? null,
              createdAt: at,
              model: video.model ?? null,
              running: video.status === 'queued' || video.status === 'in_progress',
            });
            await deps.keys.remember(video.id, key.id);
          }
        }
        after = list.last_id ?? list.data.at(-1)?.id;
        if (older || !list.has_more || !after) break;
      }
    }
    return [...out.values()];
  }

  // One image at most (declares.images.max): a file goes as multipart `input_reference`, a link as JSON.
  const input = (spec: VideoSpec) => {
    const image = spec.imageInputs?.[0];
    return toCreateVideoInput(
      {
        mode: image ? 'image_to_video' : 'text_to_video',
        model: spec.model,
        prompt: spec.prompt,
        durationS: spec.durationS,
        aspect: spec.aspect,
        quality: spec.quality,
        images: image ? [{ kind: image.kind }] : [],
      },
      image,
    );
  };

  return {
    id: connection.id,
    declares,
    async session() {
      const usable = await deps.keys.all();
      return usable.length > 0
        ? { state: 'ready', plan: null }
        : { state: 'needs_auth', reason: 'Every key of this connection is set aside.' };
    },
    create: (spec) =>
      withEachKey(deps.keys, async (key) => created(key, await clientFor(key).create(input(spec)))),
    async poll(taskIds, options) {
      // A 429 asked us to wait: no request until then (the tick carries on without a poll).
      if (pace.until > now())
        throw new BackendError({
          code: 'rate_limited',
          message: 'The server asked to wait before the next status check.',
          endpoint: 'videos.retrieve',
          retryAfterMs: pace.until - now(),
        });
      const tasks = new Map<string, TaskSnapshot>();
      for (const id of taskIds) tasks.set(id, await snapshot(id));
      const since = options?.recentSince ?? null;
      const recent = since === null ? [] : await listed(since);
      // A lost create's video renders too, and counts against the cap before any job owns it.
      const untracked = recent.filter((v) => v.running && !tasks.has(v.taskId)).length;
      const active = [...tasks.values()].filter((s) => s.state === 'running').length + untracked;
      return { activeCount: active, tasks, recent };
    },
    async resolveMedia(taskId) {
      const key = await deps.keys.forTask(taskId);
      if (!key) throw noKeys();
      const request = await clientFor(key).contentRequest(taskId);
      const expiresAt = expiries.get(taskId) ?? null;
      expiries.delete(taskId);
      return { url: request.url, headers: request.headers, expiresAt, thumbnailUrl: null };
    },
    recover: {
      // docs/backend-facts.md §13.3: same prompt and model, made since the request was sent.
      matches: (task, spec, intentAt) =>
        (task.prompt ?? '').trim() === spec.prompt.trim() &&
        sameModel((task as ListedVideo).model, spec.model) &&
        (task.createdAt === null || task.createdAt >= intentAt - CLOCK_SLACK_MS),
    },
    async remix(spec) {
      const key = await deps.keys.forTask(spec.remixTargetId);
      if (!key) throw noKeys();
      return created(key, await clientFor(key).remix(spec.remixTargetId, spec.prompt));
    },
  };
}
