import { z } from 'zod';
import type { Route, SimContext } from '../context';
import { apiError, json, type Reply, type SimRequest } from '../http';
import { ulid } from '../ids';
import type { SimCameo } from '../media-store';
import { blobName, signedMediaUrl } from '../media-url';
import { filePart, readForm } from '../multipart';

const invalid = (message: string, param: string | null = null): Reply =>
  json(400, apiError(message, 'invalid_request', 'invalid_request_error', param));

/** docs/backend-facts.md §4.9 step 1: multipart `file` (video/mp4) + `timestamps` → `{id}`. A file name with "fail" fails (sim). */
const upload = async (req: SimRequest, ctx: SimContext): Promise<Reply> => {
  const form = await readForm(req);
  const file = filePart(form);
  if (!file || file.size === 0) return invalid('Invalid request: file is required', 'file');
  if (!file.type.startsWith('video/')) return invalid('Invalid request: a video is required', 'file');
  const fail = file.name.includes('fail');
  const cameo = ctx.media.addCameo(ctx.now(), ctx.settings().cameoRenderMs, fail);
  return json(200, { id: cameo.id });
};

/**
 * docs/backend-facts.md §4.9 step 2. The exact status words are uncertain (SHC: "Completed"/`finalized`; GO: a profile
 * asset URL); the sim says `status_message: "Completed"` and sets `profile_asset_url` when ready.
 */
function cameoView(c: SimCameo, ctx: SimContext) {
  const now = ctx.now();
  const base = {
    id: c.id,
    display_name_hint: null,
    username_hint: null,
    profile_asset_url: null,
    instruction_set_hint: null,
  };
  if (now < c.readyAt) return { ...base, status: 'in_progress', status_message: 'Processing' };
  if (c.fail)
    return { ...base, status: 'failed', status_message: 'We could not find a person in this video.' };
  const url = signedMediaUrl(ctx.secret, blobName(c.mediaId, 'thumbnail'), ctx.settings().mediaUrlTtlMs, now);
  return {
    ...base,
    status: c.characterId ? 'finalized' : 'processed',
    status_message: 'Completed',
    display_name_hint: 'Sim Cameo',
    username_hint: 'simuser.meowliusma68',
    profile_asset_url: url,
    instruction_set_hint: null,
  };
}

const status = (_req: SimRequest, ctx: SimContext, [id]: string[]): Reply => {
  const cameo = id ? ctx.media.cameo(id) : undefined;
  return cameo ? json(200, cameoView(cameo, ctx)) : json(404, apiError('Cameo not found', 'not_found'));
};

const FinalizeSchema = z.looseObject({
  cameo_id: z.string().min(1),
  username: z.string().regex(/^[a-z0-9_.]{3,30}$/i, 'username must be 3–30 letters, digits, _ or .'),
  display_name: z.string().min(1),
  profile_asset_pointer: z.string().min(1),
});

/** docs/backend-facts.md §4.9 step 5 → `{character:{character_id}}`; needs a ready cameo and a profile file upload. */
const finalize = (req: SimRequest, ctx: SimContext): Reply => {
  const parsed = FinalizeSchema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return invalid(`Invalid request: ${issue?.message ?? 'bad body'}`, issue?.path.join('.') || null);
  }
  const body = parsed.data;
  const cameo = ctx.media.cameo(body.cameo_id);
  if (!cameo) return json(404, apiError('Cameo not found', 'not_found'));
  if (ctx.now() < cameo.readyAt || cameo.fail)
    return invalid('Cameo is not ready to be finalized', 'cameo_id');
  if (!ctx.media.byAssetPointer(body.profile_asset_pointer))
    return invalid('Unknown profile asset', 'profile_asset_pointer');
  cameo.characterId ??= `ch_${ulid()}`;
  return json(200, {
    character: { character_id: cameo.characterId, username: body.username, display_name: body.display_name },
  });
};

/** Character routes (Bearer, no sentinel in SHC; docs/backend-facts.md §1). */
export const characterRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/characters/upload', handler: upload },
  {
    host: 'sora.chatgpt.com',
    method: 'GET',
    path: /^\/backend\/project_y\/cameos\/in_progress\/(cameo_[A-Za-z0-9]+)$/,
    handler: status,
  },
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/characters/finalize', handler: finalize },
];
