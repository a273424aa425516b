import { z } from 'zod/mini';

/**
 * The `Video` object (OpenAI API reference "videos"; OAI-PY `types/video.py`; docs/backend-facts.md §11.1).
 * Gateways add fields or leave some out, so only `id` and `status` are required and extras pass.
 */
export const VideoSchema = z.looseObject({
  id: z.string().check(z.minLength(1)),
  object: z.optional(z.string()),
  model: z.nullish(z.string()),
  status: z.enum(['queued', 'in_progress', 'completed', 'failed']),
  /** Percent 0–100; some gateways omit it. */
  progress: z.nullish(z.number().check(z.gte(0), z.lte(100))),
  /** Unix seconds. */
  created_at: z.nullish(z.number()),
  completed_at: z.nullish(z.number()),
  /** Unix seconds after which the assets are gone (Azure: 24 h, docs/backend-facts.md §11.1). */
  expires_at: z.nullish(z.number()),
  error: z.nullish(z.looseObject({ code: z.nullish(z.string()), message: z.nullish(z.string()) })),
  prompt: z.nullish(z.string()),
  remixed_from_video_id: z.nullish(z.string()),
  seconds: z.nullish(z.union([z.string(), z.number()])),
  size: z.nullish(z.string()),
});
export type Video = z.output<typeof VideoSchema>;

/** `GET /videos`: a cursor page (Azure reference "List videos": object, data, first_id, last_id, has_more). */
export const VideoListSchema = z.looseObject({
  data: z.array(VideoSchema),
  first_id: z.nullish(z.string()),
  last_id: z.nullish(z.string()),
  has_more: z.nullish(z.boolean()),
});
export type VideoList = z.output<typeof VideoListSchema>;

/** `GET /models` (OpenAI models list): `{object:"list", data:[{id, …}]}`. */
export const ModelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string().check(z.minLength(1)) })),
});

/** The OpenAI error body `{error:{message, type, param, code}}`; gateways often send only `message`. */
export const ErrorBodySchema = z.looseObject({
  error: z.nullish(
    z.looseObject({
      message: z.nullish(z.string()),
      type: z.nullish(z.string()),
      param: z.nullish(z.string()),
      code: z.nullish(z.union([z.string(), z.number()])),
    }),
  ),
  message: z.nullish(z.string()),
});
