import { presentedKey } from '../backend-control';
import { apiError, json, notFound, type Reply, type SimRequest } from '../http';
import { mediaContent, THUMBNAIL_PNG } from '../media-content';
import { filePart, readForm } from '../multipart';
import { parseRange } from '../routes/media';
import { type VideoStore, videoState, videoView } from './jobs';
import type { SimVideo, VideosApiSettings } from './types';

/** What the routes read and change. */
export interface VideosApiContext {
  settings(): VideosApiSettings;
  now(): number;
  store: VideoStore;
  revoked: Set<string>;
  exhausted: Set<string>;
  /** Jobs still to fail (`failNext`). */
  failures: { left: number };
}

const SECONDS = ['4', '8', '12'];
const SIZES = ['720x1280', '1280x720', '1024x1792', '1792x1024'];

const bad = (message: string, param: string | null): Reply =>
  json(400, apiError(message, 'invalid_value', 'invalid_request_error', param));

/** The seed of a job's file, so tests can rebuild its bytes. */
export const videoSeed = (id: string): string => `videos-api:${id}`;

function pollHeaders(ctx: VideosApiContext): Record<string, string> {
  return { 'openai-poll-after-ms': String(ctx.settings().pollAfterMs) };
}

/** 401s as OpenAI words them; null when the key is good. */
function authRefusal(req: SimRequest, ctx: VideosApiContext): { key: string } | Reply {
  const s = ctx.settings();
  const key = presentedKey(req, s.authHeader);
  if (!key) return json(401, apiError("You didn't provide an API key.", null, 'invalid_request_error'));
  if (!s.keys.includes(key) || ctx.revoked.has(key))
    return json(401, apiError('Incorrect API key provided.', 'invalid_api_key', 'invalid_request_error'));
  return { key };
}

/** Credits, then the per-key concurrency cap (429 with Retry-After). */
function admission(key: string, ctx: VideosApiContext): Reply | null {
  if (ctx.exhausted.has(key)) {
    return json(
      429,
      apiError(
        'You exceeded your current quota, please check your plan and billing details.',
        'insufficient_quota',
        'insufficient_quota',
      ),
    );
  }
  const s = ctx.settings();
  if (ctx.store.activeFor(key, ctx.now()) >= s.concurrencyPerKey) {
    return json(
      429,
      apiError(
        `Too many concurrent video jobs for this key (limit ${s.concurrencyPerKey}).`,
        'rate_limit_exceeded',
        'requests',
      ),
      { 'retry-after': String(s.retryAfterSeconds) },
    );
  }
  return null;
}

type Fields = Record<string, unknown>;

/** JSON or multipart (the SDK sends multipart, LiteLLM's examples JSON). */
async function readFields(req: SimRequest): Promise<{ fields: Fields; file: File | null } | null> {
  const form = await readForm(req);
  if (form) {
    const fields: Fields = {};
    for (const [k, v] of form.entries()) if (typeof v === 'string') fields[k] = v;
    return { fields, file: filePart(form, 'input_reference') };
  }
  if (req.body && typeof req.body === 'object' && !Array.isArray(req.body))
    return { fields: req.body as Fields, file: null };
  return null;
}

type Parsed = Pick<SimVideo, 'prompt' | 'model' | 'seconds' | 'size' | 'reference'>;

function referenceOf(value: unknown, file: File | null): SimVideo['reference'] | 'bad' {
  if (file) return file.type.startsWith('image/') && file.size > 0 ? 'file' : 'bad';
  if (value === undefined) return null;
  if (value && typeof value === 'object') {
    const ref = value as { image_url?: unknown; file_id?: unknown };
    if (typeof ref.image_url === 'string' && /^https?:\/\//.test(ref.image_url)) return 'image_url';
    if (typeof ref.file_id === 'string' && ref.file_id) return 'file_id';
  }
  return 'bad';
}

function parseCreate(fields: Fields, file: File | null, s: VideosApiSettings): Parsed | Reply {
  const prompt = fields.prompt;
  if (typeof prompt !== 'string' || !prompt.trim())
    return bad("Missing required parameter: 'prompt'.", 'prompt');
  const model = fields.model === undefined ? 'sora-2' : String(fields.model);
  if (!s.models.includes(model)) return bad(`Invalid value: '${model}'. Unknown model.`, 'model');
  const seconds = fields.seconds === undefined ? '4' : String(fields.seconds);
  if (!SECONDS.includes(seconds))
    return bad(`Invalid value: '${seconds}'. Supported values are: ${SECONDS.join(', ')}.`, 'seconds');
  const size = fields.size === undefined ? '720x1280' : String(fields.size);
  if (!SIZES.includes(size))
    return bad(`Invalid value: '${size}'. Supported values are: ${SIZES.join(', ')}.`, 'size');
  const reference = referenceOf(fields.input_reference, file);
  if (reference === 'bad')
    return bad('input_reference must be an image file, {image_url} or {file_id}.', 'input_reference');
  return { prompt, model, seconds, size, reference };
}

function addJob(ctx: VideosApiContext, key: string, p: Parsed, remixedFrom: string | null): SimVideo {
  const s = ctx.settings();
  const policy = s.contentPolicyPattern && p.prompt.includes(s.contentPolicyPattern);
  let failure: SimVideo['failure'] = null;
  if (policy)
    failure = { code: 'moderation_blocked', message: 'Your request was blocked by our moderation system.' };
  else if (ctx.failures.left > 0) {
    ctx.failures.left -= 1;
    failure = { code: 'video_generation_failed', message: 'Video generation failed.' };
  }
  return ctx.store.add({ ...p, key, createdAtMs: ctx.now(), renderMs: s.renderMs, failure, remixedFrom });
}

const view = (ctx: VideosApiContext, v: SimVideo): Record<string, unknown> =>
  videoView(v, ctx.now(), ctx.settings().assetTtlMs);

async function create(req: SimRequest, ctx: VideosApiContext, key: string): Promise<Reply> {
  const read = await readFields(req);
  if (!read) return bad('The body must be JSON or multipart/form-data.', null);
  const parsed = parseCreate(read.fields, read.file, ctx.settings());
  if ('status' in parsed) return parsed;
  const refused = admission(key, ctx);
  if (refused) return refused;
  return json(200, view(ctx, addJob(ctx, key, parsed, null)), pollHeaders(ctx));
}

const videoNotFound = (id: string): Reply =>
  json(404, apiError(`Video with id '${id}' not found.`, 'not_found', 'invalid_request_error'));

async function remix(req: SimRequest, ctx: VideosApiContext, key: string, id: string): Promise<Reply> {
  const source = ctx.store.get(id);
  if (!source) return videoNotFound(id);
  if (videoState(source, ctx.now()).status !== 'completed')
    return bad('Only completed videos can be remixed.', 'video_id');
  const read = await readFields(req);
  const prompt = read?.fields.prompt;
  if (typeof prompt !== 'string' || !prompt.trim())
    return bad("Missing required parameter: 'prompt'.", 'prompt');
  const refused = admission(key, ctx);
  if (refused) return refused;
  const p: Parsed = {
    prompt,
    model: source.model,
    seconds: source.seconds,
    size: source.size,
    reference: null,
  };
  return json(200, view(ctx, addJob(ctx, key, p, source.id)), pollHeaders(ctx));
}

function list(req: SimRequest, ctx: VideosApiContext): Reply {
  const order = req.query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') return bad("order must be 'asc' or 'desc'.", 'order');
  const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return bad('limit must be 1 to 100.', 'limit');
  let all = ctx.store.ordered(order);
  const after = req.query.after;
  if (after !== undefined) {
    const at = all.findIndex((v) => v.id === after);
    if (at < 0) return bad(`No video with id '${after}' to page after.`, 'after');
    all = all.slice(at + 1);
  }
  const live = all.filter((v) => v.deletedAtMs === null);
  const page = live.slice(0, limit).map((v) => view(ctx, v));
  return json(200, {
    object: 'list',
    data: page,
    first_id: (page[0]?.id as string | undefined) ?? null,
    last_id: (page.at(-1)?.id as string | undefined) ?? null,
    has_more: live.length > limit,
  });
}

function content(req: SimRequest, ctx: VideosApiContext, id: string): Reply {
  const v = ctx.store.get(id);
  if (!v) return videoNotFound(id);
  const now = ctx.now();
  if (videoState(v, now).status !== 'completed')
    return json(
      404,
      apiError(
        'Video content is not ready; the job has not completed.',
        'video_not_ready',
        'invalid_request_error',
      ),
    );
  const expiresAt = v.createdAtMs + v.renderMs + ctx.settings().assetTtlMs;
  if (v.expiredAtMs !== null || now >= expiresAt)
    return json(404, apiError('Video content has expired.', 'video_expired', 'invalid_request_error'));
  const variant = req.query.variant ?? 'video';
  if (variant === 'thumbnail')
    return { status: 200, headers: { 'content-type': 'image/png' }, body: THUMBNAIL_PNG };
  if (variant !== 'video') return bad("variant must be 'video' or 'thumbnail'.", 'variant');
  const size = ctx.settings().mediaBytes;
  const range = parseRange(req.headers.range, size);
  const base = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', etag: `"${v.id}"` };
  if (range === 'unsatisfiable')
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` }, body: Buffer.alloc(0) };
  if (!range) return { status: 200, headers: base, body: mediaContent(videoSeed(v.id), size) };
  const body = mediaContent(videoSeed(v.id), size, range.start, range.end + 1);
  return {
    status: 206,
    headers: { ...base, 'content-range': `bytes ${range.start}-${range.end}/${size}` },
    body,
  };
}

function models(ctx: VideosApiContext): Reply {
  const s = ctx.settings();
  if (!s.listModels) return notFound();
  const data = s.models.map((id) => ({ id, object: 'model', created: 1_759_708_800, owned_by: 'system' }));
  return json(200, { object: 'list', data });
}

/** Routes below `basePath`, after the key check (every endpoint needs the key, content included). */
export async function routeVideosApi(req: SimRequest, ctx: VideosApiContext): Promise<Reply> {
  const base = ctx.settings().basePath;
  if (!req.path.startsWith(`${base}/`)) return notFound();
  const path = req.path.slice(base.length);
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const auth = authRefusal(req, ctx);
  if ('status' in auth) return auth;
  if (method === 'GET' && path === '/models') return models(ctx);
  if (path === '/videos') {
    if (method === 'POST') return create(req, ctx, auth.key);
    if (method === 'GET') return list(req, ctx);
  }
  const m = /^\/videos\/([^/]+)(\/content|\/remix)?$/.exec(path);
  const id = m?.[1];
  if (!id) return notFound();
  if (method === 'GET' && !m[2]) {
    const v = ctx.store.get(id);
    return v ? json(200, view(ctx, v), pollHeaders(ctx)) : videoNotFound(id);
  }
  if (method === 'GET' && m[2] === '/content') return content(req, ctx, id);
  if (method === 'POST' && m[2] === '/remix') return remix(req, ctx, auth.key, id);
  if (method === 'DELETE' && !m[2])
    return ctx.store.delete(id, ctx.now())
      ? json(200, { id, object: 'video.deleted', deleted: true })
      : videoNotFound(id);
  return notFound();
}
