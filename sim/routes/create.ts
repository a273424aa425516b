import { z } from 'zod';
import type { Route, SimContext } from '../context';
import { concurrentBody } from '../errors';
import { apiError, json, type Reply, type SimRequest } from '../http';
import { sentinelRefusal } from './guard';

/** docs/backend-facts.md §4.1/§4.2: the fields the sim checks; unknown extra fields are allowed (the web app sends ~25). */
const CreateBodySchema = z.looseObject({
  kind: z.literal('video'),
  prompt: z.string().trim().min(1, 'prompt must not be empty'),
  orientation: z.enum(['portrait', 'landscape', 'square']),
  size: z.enum(['small', 'large']),
  n_frames: z.union([z.literal(150), z.literal(300), z.literal(450), z.literal(750)]),
  model: z.enum(['sy_8', 'sy_ore']),
});
type CreateBody = z.infer<typeof CreateBodySchema>;

/** docs/backend-facts.md §4.2 cost table (video gens per create); null = not offered. */
export function generationCost(model: string, size: string, nFrames: number): number | null {
  const col = [150, 300, 450, 750].indexOf(nFrames);
  const table: Record<string, (number | null)[]> = {
    sy_8: [1, 1, 2, 3],
    sy_ore_small: [2, 2, 4, 12],
    sy_ore_large: [5, 5, 10, null],
  };
  const row = model === 'sy_8' ? table.sy_8 : table[`${model}_${size}`];
  return row?.[col] ?? null;
}

/** docs/backend-facts.md §4.4: `{kind:'upload', upload_id}` / `{kind:'file', file_id}` must name an upload the sim holds. */
function unknownInpaint(items: unknown, ctx: SimContext): string | null {
  if (!Array.isArray(items)) return null;
  for (const item of items as Record<string, unknown>[]) {
    const id =
      item?.kind === 'upload' ? item.upload_id : item?.kind === 'file' ? item.file_id : item?.upload_media_id;
    if (id === undefined) continue;
    if (typeof id !== 'string' || !ctx.media.upload(id)) return String(id);
  }
  return null;
}

const invalid = (message: string, param: string | null = null): Reply =>
  json(400, apiError(message, 'invalid_request', 'invalid_request_error', param));

/** Validation, plan, concurrency and quota checks shared by create and storyboard; returns a refusal or the body. */
function admit(req: SimRequest, ctx: SimContext): Reply | { body: CreateBody; cost: number } {
  const parsed = CreateBodySchema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join('.') || null;
    return invalid(
      `Invalid request: ${param ?? 'body'}: ${issue?.message ?? 'Unable to process request'}`,
      param,
    );
  }
  const body = parsed.data;
  const unknownItem = unknownInpaint(body.inpaint_items, ctx);
  if (unknownItem) return invalid(`Invalid request: unknown upload ${unknownItem}`, 'inpaint_items');
  const s = ctx.settings();
  // docs/backend-facts.md §4.2: sy_ore (Sora 2 Pro) requires a Pro plan.
  if (body.model === 'sy_ore' && s.plan !== 'chatgpt_pro') {
    return json(
      403,
      apiError(
        'Sora 2 Pro requires a ChatGPT Pro plan.',
        'model_not_allowed',
        'invalid_request_error',
        'model',
      ),
    );
  }
  const cost = generationCost(body.model, body.size, body.n_frames);
  if (cost === null) return invalid('This duration is not available for this model and size.', 'n_frames');
  const now = ctx.now();
  // docs/backend-facts.md §7.2: at most `concurrencyCap` in flight, external tasks included.
  if (ctx.tasks.pending(now).length >= s.concurrencyCap) return json(429, concurrentBody(s.concurrencyCap));
  if (ctx.quota.remaining(now) < cost) return dailyLimitReply(ctx);
  return { body, cost };
}

/** docs/backend-facts.md §7.2 daily exhaustion: 429 rate_limit_exhausted with Retry-After. */
export function dailyLimitReply(ctx: SimContext): Reply {
  const balance = ctx.quota.balance(ctx.now());
  return json(
    429,
    {
      error: {
        message: "You've reached your daily generation limit. Please try again later.",
        type: 'rate_limit_exhausted',
        param: null,
        code: 'rate_limit_exhausted',
      },
      rate_limit_and_credit_balance: {
        ...balance,
        estimated_num_videos_remaining: 0,
        rate_limit_reached: true,
      },
    },
    { 'retry-after': String(balance.access_resets_in_seconds) },
  );
}

const createVideo = (req: SimRequest, ctx: SimContext): Reply => {
  const refusal = sentinelRefusal(req, ctx);
  if (refusal) return refusal;
  const admitted = admit(req, ctx);
  if ('status' in admitted) return admitted;
  const { body, cost } = admitted;
  const s = ctx.settings();
  const now = ctx.now();
  const violates = s.contentPolicyPattern !== null && body.prompt.includes(s.contentPolicyPattern);
  const task = ctx.tasks.add({
    kind: 'video',
    external: false,
    prompt: body.prompt,
    model: body.model,
    orientation: body.orientation,
    size: body.size,
    nFrames: body.n_frames,
    cost,
    createdAt: now,
    renderMs: s.renderMs,
    draftLagMs: s.draftLagMs,
    outcome: violates ? 'sora_content_violation' : 'sora_draft',
  });
  ctx.quota.consume(cost);
  // docs/backend-facts.md §4.13: id is what clients rely on; priority and balance are also present.
  return json(200, { id: task.id, priority: 1, rate_limit_and_credit_balance: ctx.quota.balance(now) });
};

const ImageBodySchema = z.looseObject({ type: z.literal('image_gen'), prompt: z.string().trim().min(1) });

/** docs/backend-facts.md §4.5: image generation; sentinel-protected, answers {id}, polled via recent_tasks (§5.4). */
const createImage = (req: SimRequest, ctx: SimContext): Reply => {
  const refusal = sentinelRefusal(req, ctx);
  if (refusal) return refusal;
  const parsed = ImageBodySchema.safeParse(req.body);
  if (!parsed.success) return invalid('Invalid request: type must be image_gen and prompt non-empty');
  const unknownItem = unknownInpaint(parsed.data.inpaint_items, ctx);
  if (unknownItem) return invalid(`Invalid request: unknown upload ${unknownItem}`, 'inpaint_items');
  const s = ctx.settings();
  const task = ctx.tasks.add({
    kind: 'image',
    external: false,
    prompt: parsed.data.prompt,
    model: 'image',
    orientation: 'square',
    size: 'small',
    nFrames: 1,
    cost: 0,
    createdAt: ctx.now(),
    renderMs: s.imageRenderMs,
    draftLagMs: 0,
    outcome: 'sora_draft',
  });
  return json(200, { id: task.id });
};

/** Write routes (all sentinel-protected, docs/backend-facts.md §3.1). */
export const createRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/nf/create', handler: createVideo },
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/nf/create/storyboard', handler: createVideo },
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/video_gen', handler: createImage },
];
