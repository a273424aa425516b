import { z } from 'zod';
import type { Route, SimContext } from '../context';
import { apiError, json, type Reply, type SimRequest } from '../http';

/** docs/backend-facts.md §4.8: the live app's style ids (SV) plus the proxies' whitelist, 11 entries as SV counted. */
const STYLES: [string, string][] = [
  ['high_def', 'High-def'],
  ['kpop', 'K-pop'],
  ['cartoon2', 'Cartoon'],
  ['news', 'News'],
  ['selfie3', 'Selfie'],
  ['handheld', 'Handheld'],
  ['animated', 'Animated'],
  ['sitcom', 'Sitcom'],
  ['anime', 'Anime'],
  ['retro', 'Retro'],
  ['golden', 'Golden'],
];

/** docs/backend-facts.md §2.6 (SV §6.14): styles and limits; plus a few of the documented flags. */
const initializeAsync = (_req: SimRequest, ctx: SimContext): Reply =>
  json(200, {
    styles: STYLES.map(([id, display_name]) => ({
      id,
      display_name,
      image_url: `https://cdn.openai.com/sora/images/styles/${id}.jpg`,
    })),
    composer_profiles: [],
    max_cameos: 3,
    max_bulk_tasks: 4,
    max_stitch_frames: 300,
    can_upload: true,
    drafts_badge_count: ctx.tasks.drafts(ctx.now()).length,
  });

const EnhanceSchema = z.looseObject({
  prompt: z.string().trim().min(1, 'prompt must not be empty'),
  expansion_level: z.enum(['short', 'medium', 'long']),
  duration_s: z.number().int().positive().optional(), // docs/backend-facts.md §4.11: ZHU makes it optional
});

const DETAIL = {
  short: 'Soft natural light.',
  medium: 'Soft natural light, a slow dolly-in, shallow depth of field.',
  long: 'Soft natural light, a slow dolly-in, shallow depth of field, ambient sound, and a calm, cinematic pace.',
};

/** docs/backend-facts.md §4.11: `{prompt, expansion_level, duration_s}` → `{enhanced_prompt}`. */
const enhance = (req: SimRequest): Reply => {
  const parsed = EnhanceSchema.safeParse(req.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join('.') || null;
    return json(
      400,
      apiError(
        `Invalid request: ${param ?? 'body'}: ${issue?.message}`,
        'invalid_request',
        'invalid_request_error',
        param,
      ),
    );
  }
  const { prompt, expansion_level, duration_s } = parsed.data;
  const timing = duration_s ? ` Paced for ${duration_s} seconds.` : '';
  return json(200, { enhanced_prompt: `${prompt.trim()}. ${DETAIL[expansion_level]}${timing}` });
};

/** Composer routes (Bearer only; docs/backend-facts.md §1). */
export const composerRoutes: Route[] = [
  {
    host: 'sora.chatgpt.com',
    method: 'GET',
    path: '/backend/project_y/initialize_async',
    handler: initializeAsync,
  },
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/editor/enhance_prompt', handler: enhance },
];
