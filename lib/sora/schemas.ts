import { z } from 'zod/mini';

/** `/api/auth/session` (docs/backend-facts.md §2.2). An empty object means nobody is signed in. */
export const SessionResponseSchema = z.looseObject({
  accessToken: z.optional(z.string().check(z.minLength(1))),
  user: z.nullish(z.looseObject({ email: z.nullish(z.string()), name: z.nullish(z.string()) })),
  expires: z.nullish(z.string()),
});

/** The standard error body (docs/backend-facts.md §7.3); every field optional because proxies and CDNs vary. */
export const ErrorBodySchema = z.looseObject({
  error: z.nullish(
    z.looseObject({
      message: z.nullish(z.string()),
      type: z.nullish(z.string()),
      code: z.nullish(z.string()),
      param: z.optional(z.unknown()),
    }),
  ),
  type: z.nullish(z.string()),
  rate_limit_and_credit_balance: z.nullish(
    z.looseObject({
      rate_limit_reached: z.nullish(z.boolean()),
      access_resets_in_seconds: z.nullish(z.number()),
      credit_remaining: z.nullish(z.number()),
    }),
  ),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The balance object of `nf/check`, create responses and 429 bodies (docs/backend-facts.md §7.1, §4.13). */
export const RateLimitSchema = z.looseObject({
  estimated_num_videos_remaining: z.nullish(z.number()),
  estimated_num_purchased_videos_remaining: z.nullish(z.number()),
  credit_remaining: z.nullish(z.number()),
  rate_limit_reached: z.nullish(z.boolean()),
  access_resets_in_seconds: z.nullish(z.number()),
});

/** Create response (docs/backend-facts.md §4.13): `id` is all we rely on; some clients saw a list or `task_id`. */
const CreateObjectSchema = z.looseObject({
  id: z.optional(z.string()),
  task_id: z.optional(z.string()),
  rate_limit_and_credit_balance: z.nullish(RateLimitSchema),
});
export const CreateResponseSchema = z
  .pipe(
    z.union([CreateObjectSchema, z.array(CreateObjectSchema).check(z.minLength(1))]),
    z.transform((value) => (Array.isArray(value) ? value[0]! : value)),
  )
  .check(z.refine((value) => Boolean(value.id ?? value.task_id), 'has no task id'));

/**
 * `creation_config` as pending and drafts carry it (docs/backend-facts.md §5.1): what reconciliation of an uncertain
 * create matches on. `model` is not in the documented shape; read when present.
 */
export const CreationConfigSchema = z.looseObject({
  prompt: z.nullish(z.string()),
  orientation: z.nullish(z.string()),
  n_frames: z.nullish(z.number()),
  model: z.nullish(z.string()),
  storyboard_id: z.nullish(z.string()),
  style: z.nullish(z.looseObject({ id: z.nullish(z.string()) })),
});

/** One in-flight task of `pending/v2` (docs/backend-facts.md §5.1); `progress_pct` is a 0–1 fraction or null early. */
export const PendingTaskSchema = z.looseObject({
  id: z.string(),
  status: z.nullish(z.string()),
  progress_pct: z.nullish(z.number()),
  failure_reason: z.nullish(z.string()),
  prompt: z.nullish(z.string()),
  /** Not in the documented shape; read when present (docs/backend-facts.md §5.1 lists fields "seen", not all). */
  created_at: z.nullish(z.number()),
  creation_config: z.nullish(CreationConfigSchema),
});
export type PendingTask = z.infer<typeof PendingTaskSchema>;
/** A non-array body is a failed poll, never "nothing pending" (docs/backend-facts.md §5.1). */
export const PendingResponseSchema = z.array(PendingTaskSchema);

const EncodingSchema = z.nullish(z.looseObject({ path: z.nullish(z.string()), url: z.nullish(z.string()) }));

/** A drafts item (docs/backend-facts.md §5.3). */
export const DraftSchema = z.looseObject({
  id: z.string(),
  task_id: z.nullish(z.string()),
  kind: z.nullish(z.string()),
  url: z.nullish(z.string()),
  downloadable_url: z.nullish(z.string()),
  download_urls: z.nullish(
    z.looseObject({ no_watermark: z.nullish(z.string()), watermark: z.nullish(z.string()) }),
  ),
  created_at: z.nullish(z.number()),
  prompt: z.nullish(z.string()),
  reason_str: z.nullish(z.string()),
  markdown_reason_str: z.nullish(z.string()),
  error_reason: z.nullish(z.string()),
  encodings: z.nullish(z.looseObject({ thumbnail: EncodingSchema, source: EncodingSchema })),
  width: z.nullish(z.number()),
  height: z.nullish(z.number()),
  duration_s: z.nullish(z.number()),
  creation_config: z.nullish(CreationConfigSchema),
});
export type Draft = z.infer<typeof DraftSchema>;
/** Drafts list page: `{items, cursor}`; the cursor is opaque and null on the last page (docs/backend-facts.md §5.2). */
export const DraftsPageSchema = z.looseObject({ items: z.array(DraftSchema), cursor: z.nullish(z.string()) });
/** Single draft `{draft:{…}}` (docs/backend-facts.md §5.6). */
export const DraftByIdSchema = z.looseObject({ draft: DraftSchema });
