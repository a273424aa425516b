import { randomBytes } from 'node:crypto';
import { presentedKey } from '../backend-control';
import { json, type Reply, type SimRequest } from '../http';
import { mediaContent } from '../media-content';
import { parseRange } from '../routes/media';
import type { SimTaskApiTask, SuccessFlag, TaskApiSettings } from './types';

/** What the routes read and change. */
export interface TaskApiContext {
  settings(): TaskApiSettings;
  now(): number;
  tasks: SimTaskApiTask[];
  revoked: Set<string>;
  /** Credits spent per key (left = settings.credits + granted − spent). */
  spent: Map<string, number>;
  granted: Map<string, number>;
  pending: { fail: number; failCreation: number };
  cdnHost: string;
}

/** The seed's body on every answer: `{code, msg, data?}`; the HTTP status mirrors `code`. */
export const envelope = (code: number, msg: string, data?: unknown): Reply =>
  json(code, data === undefined ? { code, msg } : { code, msg, data });

export const taskSeed = (taskId: string): string => `task-api:${taskId}`;

/** `successFlag` at `now`: 2 at once, else 0 until rendered, then the outcome. */
export function flagOf(t: SimTaskApiTask, now: number): SuccessFlag {
  if (t.outcome.flag === 2) return 2;
  return now - t.createdAtMs >= t.renderMs ? t.outcome.flag : 0;
}

export function creditsLeft(ctx: TaskApiContext, key: string): number {
  return ctx.settings().credits + (ctx.granted.get(key) ?? 0) - (ctx.spent.get(key) ?? 0);
}

/** The seed: "YYYY-MM-DD HH:MM:SS" with no zone (the sim writes UTC; the real zone is unknown). */
const stamp = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

function authKey(req: SimRequest, ctx: TaskApiContext): string | Reply {
  const key = presentedKey(req, 'bearer');
  if (!key || !ctx.settings().keys.includes(key) || ctx.revoked.has(key))
    return envelope(401, 'Unauthorized: missing or invalid API key');
  return key;
}

type Body = { prompt: string; aspectRatio: string; quality: string; imageUrls: string[]; watermark?: string };

function parseGenerate(body: unknown): Body | string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'Invalid JSON body';
  const b = body as Record<string, unknown>;
  if (typeof b.prompt !== 'string' || !b.prompt.trim()) return 'prompt is required';
  const aspectRatio = b.aspectRatio ?? 'landscape';
  if (aspectRatio !== 'landscape' && aspectRatio !== 'portrait')
    return 'aspectRatio must be landscape or portrait';
  const quality = b.quality ?? 'standard';
  if (quality !== 'standard' && quality !== 'hd') return 'quality must be standard or hd';
  const imageUrls = b.imageUrls ?? [];
  if (!Array.isArray(imageUrls) || !imageUrls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u)))
    return 'imageUrls must be an array of public image URLs';
  if (b.watermark !== undefined && typeof b.watermark !== 'string') return 'watermark must be text';
  return {
    prompt: b.prompt,
    aspectRatio,
    quality,
    imageUrls,
    ...(typeof b.watermark === 'string' ? { watermark: b.watermark } : {}),
  };
}

function outcomeFor(ctx: TaskApiContext, body: Body): SimTaskApiTask['outcome'] {
  const s = ctx.settings();
  // Sim rule: an image URL the service cannot fetch fails the task's creation (successFlag 2).
  if (ctx.pending.failCreation > 0 || body.imageUrls.some((u) => u.includes('unreachable'))) {
    if (ctx.pending.failCreation > 0) ctx.pending.failCreation -= 1;
    return { flag: 2, errorCode: 400, errorMessage: 'Task creation failed: the image could not be fetched' };
  }
  if (s.contentPolicyPattern && body.prompt.includes(s.contentPolicyPattern))
    return {
      flag: 3,
      errorCode: 400,
      errorMessage: 'Generation failed: the prompt violates the content policy',
    };
  if (ctx.pending.fail > 0) {
    ctx.pending.fail -= 1;
    return { flag: 3, errorCode: 500, errorMessage: 'Generation failed: internal error while rendering' };
  }
  return { flag: 1 };
}

function generate(req: SimRequest, ctx: TaskApiContext, key: string): Reply {
  const body = parseGenerate(req.body);
  if (typeof body === 'string') return envelope(400, body);
  const cost = body.quality === 'hd' ? 2 : 1;
  if (creditsLeft(ctx, key) < cost) return envelope(402, 'Insufficient credits');
  const now = ctx.now();
  const s = ctx.settings();
  const active = ctx.tasks.filter((t) => t.key === key && flagOf(t, now) === 0).length;
  if (active >= s.concurrencyPerKey) {
    const r = envelope(429, 'Too many requests, please slow down');
    return { ...r, headers: { ...r.headers, 'retry-after': String(s.retryAfterSeconds) } };
  }
  ctx.spent.set(key, (ctx.spent.get(key) ?? 0) + cost);
  const task: SimTaskApiTask = {
    taskId: `sora2_task_${randomBytes(6).toString('hex')}`,
    key,
    prompt: body.prompt,
    params: body,
    createdAtMs: now,
    renderMs: s.renderMs,
    outcome: outcomeFor(ctx, body),
    expiredAtMs: null,
  };
  ctx.tasks.push(task);
  return envelope(200, 'success', { taskId: task.taskId });
}

function recordInfo(req: SimRequest, ctx: TaskApiContext): Reply {
  const taskId = req.query.taskId;
  if (!taskId) return envelope(400, 'taskId is required');
  const t = ctx.tasks.find((x) => x.taskId === taskId);
  if (!t) return envelope(404, 'Task not found');
  const now = ctx.now();
  const flag = flagOf(t, now);
  const done = flag !== 0;
  const failed = t.outcome.flag !== 1 && done ? t.outcome : null;
  return envelope(200, 'success', {
    taskId: t.taskId,
    paramJson: JSON.stringify(t.params),
    completeTime: done ? stamp(t.createdAtMs + (flag === 2 ? 0 : t.renderMs)) : null,
    response: flag === 1 ? { imageUrl: `https://${ctx.cdnHost}/videos/${t.taskId}.mp4` } : null,
    successFlag: flag,
    errorCode: failed ? failed.errorCode : 0,
    errorMessage: failed ? failed.errorMessage : null,
    createTime: stamp(t.createdAtMs),
  });
}

/** The public CDN: no key; a file is gone after the retention period or `expireResults()`. */
function cdn(req: SimRequest, ctx: TaskApiContext): Reply {
  const m = /^\/videos\/(sora2_task_[0-9a-f]+)\.mp4$/.exec(req.path);
  const t = m ? ctx.tasks.find((x) => x.taskId === m[1]) : undefined;
  const now = ctx.now();
  const gone =
    !t ||
    flagOf(t, now) !== 1 ||
    t.expiredAtMs !== null ||
    now - t.createdAtMs - t.renderMs >= ctx.settings().retentionMs;
  const text = (status: number, body: string): Reply => ({
    status,
    headers: { 'content-type': 'text/plain' },
    body: Buffer.from(body),
  });
  if (gone || !t) return text(404, 'Not Found');
  const size = ctx.settings().mediaBytes;
  const range = parseRange(req.headers.range, size);
  const base = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes' };
  if (range === 'unsatisfiable')
    return { ...text(416, ''), headers: { ...base, 'content-range': `bytes */${size}` } };
  if (!range) return { status: 200, headers: base, body: mediaContent(taskSeed(t.taskId), size) };
  const body = mediaContent(taskSeed(t.taskId), size, range.start, range.end + 1);
  return {
    status: 206,
    headers: { ...base, 'content-range': `bytes ${range.start}-${range.end}/${size}` },
    body,
  };
}

/** API routes by path below `basePath`, and the CDN by host. */
export async function routeTaskApi(req: SimRequest, ctx: TaskApiContext): Promise<Reply> {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (req.host === ctx.cdnHost) return method === 'GET' ? cdn(req, ctx) : envelope(405, 'Method not allowed');
  const base = ctx.settings().basePath;
  const path = req.path.startsWith(`${base}/`) ? req.path.slice(base.length) : null;
  if (path !== '/generate' && path !== '/record-info') return envelope(404, 'Not found');
  const key = authKey(req, ctx);
  if (typeof key !== 'string') return key;
  if (path === '/generate' && method === 'POST') return generate(req, ctx, key);
  if (path === '/record-info' && method === 'GET') return recordInfo(req, ctx);
  return envelope(405, 'Method not allowed');
}
