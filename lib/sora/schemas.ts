import { z } from 'zod';

/** `/api/auth/session` (docs/backend-facts.md §2.2). An empty object means nobody is signed in. */
export const SessionResponseSchema = z.looseObject({
  accessToken: z.string().min(1).optional(),
  user: z.looseObject({ email: z.string().nullish(), name: z.string().nullish() }).nullish(),
  expires: z.string().nullish(),
});

/** The standard error body (docs/backend-facts.md §7.3); every field optional because proxies and CDNs vary. */
export const ErrorBodySchema = z.looseObject({
  error: z
    .looseObject({
      message: z.string().nullish(),
      type: z.string().nullish(),
      code: z.string().nullish(),
      param: z.unknown().optional(),
    })
    .nullish(),
  type: z.string().nullish(),
  rate_limit_and_credit_balance: z
    .looseObject({
      rate_limit_reached: z.boolean().nullish(),
      access_resets_in_seconds: z.number().nullish(),
      credit_remaining: z.number().nullish(),
    })
    .nullish(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The balance object of `nf/check`, create responses and 429 bodies (docs/backend-facts.md §7.1, §4.13). */
export const RateLimitSchema = z.looseObject({
  estimated_num_videos_remaining: z.number().nullish(),
  estimated_num_purchased_videos_remaining: z.number().nullish(),
  credit_remaining: z.number().nullish(),
  rate_limit_reached: z.boolean().nullish(),
  access_resets_in_seconds: z.number().nullish(),
});

/** Create response (docs/backend-facts.md §4.13): `id` is all we rely on; some clients saw a list or `task_id`. */
const CreateObjectSchema = z.looseObject({
  id: z.string().optional(),
  task_id: z.string().optional(),
  rate_limit_and_credit_balance: RateLimitSchema.nullish(),
});
export const CreateResponseSchema = z
  .union([CreateObjectSchema, z.array(CreateObjectSchema).min(1)])
  .transform((value) => (Array.isArray(value) ? value[0]! : value))
  .refine((value) => Boolean(value.id ?? value.task_id), 'has no task id');

/**
 * `creation_config` as pending and drafts carry it (docs/backend-facts.md §5.1): what reconciliation of an uncertain
 * create matches on. `model` is not in the documented shape; read when present.
 */
export const CreationConfigSchema = z.looseObject({
  prompt: z.string().nullish(),
  orientation: z.string().nullish(),
  n_frames: z.number().nullish(),
  model: z.string().nullish(),
  storyboard_id: z.string().nullish(),
  style: z.looseObject({ id: z.string().nullish() }).nullish(),
});

/** One in-flight task of `pending/v2` (docs/backend-facts.md §5.1); `progress_pct` is a 0–1 fraction or null early. */
export const PendingTaskSchema = z.looseObject({
  id: z.string(),
  status: z.string().nullish(),
  progress_pct: z.number().nullish(),
  failure_reason: z.string().nullish(),
  prompt: z.string().nullish(),
  /** Not in the documented shape; read when present (docs/backend-facts.md §5.1 lists fields "seen", not all). */
  created_at: z.number().nullish(),
  creation_config: CreationConfigSchema.nullish(),
});
export type PendingTask = z.infer<typeof PendingTaskSchema>;
/** A non-array body is a failed poll, never "nothing pending" (docs/backend-facts.md §5.1). */
export const PendingResponseSchema = z.array(PendingTaskSchema);

const EncodingSchema = z.looseObject({ path: z.string().nullish(), url: z.string().nullish() }).nullish();

/** A drafts item (docs/backend-facts.md §5.3). */
export const DraftSchema = z.looseObject({
  id: z.string(),
  task_id: z.string().nullish(),
  kind: z.string().nullish(),
  url: z.string().nullish(),
  downloadable_url: z.string().nullish(),
  download_urls: z
    .looseObject({ no_watermark: z.string().nullish(), watermark: z.string().nullish() })
    .nullish(),
  created_at: z.number().nullish(),
  prompt: z.string().nullish(),
  reason_str: z.string().nullish(),
  markdown_reason_str: z.string().nullish(),
  error_reason: z.string().nullish(),
  encodings: z.looseObject({ thumbnail: EncodingSchema, source: EncodingSchema }).nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  duration_s: z.number().nullish(),
  creation_config: CreationConfigSchema.nullish(),
});
export type Draft = z.infer<typeof DraftSchema>;
/** Drafts list page: `{items, cursor}`; the cursor is opaque and null on the last page (docs/backend-facts.md §5.2). */
export const DraftsPageSchema = z.looseObject({ items: z.array(DraftSchema), cursor: z.string().nullish() });
/** Single draft `{draft:{…}}` (docs/backend-facts.md §5.6). */
export const DraftByIdSchema = z.looseObject({ draft: DraftSchema });
