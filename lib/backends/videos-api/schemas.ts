import { z } from 'zod';

/**
 * The `Video` object (OpenAI API reference "videos"; OAI-PY `types/video.py`; docs/backend-facts.md §11.1).
 * Gateways add fields or leave some out, so only `id` and `status` are required and extras pass.
 */
export const VideoSchema = z.looseObject({
  id: z.string().min(1),
  object: z.string().optional(),
  model: z.string().nullish(),
  status: z.enum(['queued', 'in_progress', 'completed', 'failed']),
  /** Percent 0–100; some gateways omit it. */
  progress: z.number().min(0).max(100).nullish(),
  /** Unix seconds. */
  created_at: z.number().nullish(),
  completed_at: z.number().nullish(),
  /** Unix seconds after which the assets are gone (Azure: 24 h, docs/backend-facts.md §11.1). */
  expires_at: z.number().nullish(),
  error: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  prompt: z.string().nullish(),
  remixed_from_video_id: z.string().nullish(),
  seconds: z.union([z.string(), z.number()]).nullish(),
  size: z.string().nullish(),
});
export type Video = z.output<typeof VideoSchema>;

/** `GET /videos`: a cursor page (Azure reference "List videos": object, data, first_id, last_id, has_more). */
export const VideoListSchema = z.looseObject({
  data: z.array(VideoSchema),
  first_id: z.string().nullish(),
  last_id: z.string().nullish(),
  has_more: z.boolean().nullish(),
});
export type VideoList = z.output<typeof VideoListSchema>;

/** `GET /models` (OpenAI models list): `{object:"list", data:[{id, …}]}`. */
export const ModelListSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string().min(1) })),
});

/** The OpenAI error body `{error:{message, type, param, code}}`; gateways often send only `message`. */
export const ErrorBodySchema = z.looseObject({
  error: z
    .looseObject({
      message: z.string().nullish(),
      type: z.string().nullish(),
      param: z.string().nullish(),
      code: z.union([z.string(), z.number()]).nullish(),
    })
    .nullish(),
  message: z.string().nullish(),
});
