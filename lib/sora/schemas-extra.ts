import { z } from 'zod/mini';
import { RateLimitSchema } from './schemas';

/** Quota (docs/backend-facts.md §7.1). */
export const QuotaResponseSchema = z.looseObject({ rate_limit_and_credit_balance: RateLimitSchema });

/** Plan (docs/backend-facts.md §2.6): `{data:[{plan:{id,title}, end_ts}]}`; `end_ts` may be a number or ISO string. */
export const SubscriptionsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      plan: z.looseObject({ id: z.string(), title: z.nullish(z.string()) }),
      end_ts: z.nullish(z.union([z.number(), z.string()])),
    }),
  ),
});

/** `/backend/models?nf2=true` (docs/backend-facts.md §2.6): `{data:[{id,label}]}`. */
export const ModelsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), label: z.nullish(z.string()) })),
});

/** `project_y/initialize_async` (docs/backend-facts.md §2.6, §4.8): we only rely on `styles[]`. */
export const InitializeAsyncSchema = z.looseObject({
  styles: z.nullish(
    z.array(
      z.looseObject({
        id: z.string(),
        display_name: z.nullish(z.string()),
        image_url: z.nullish(z.string()),
      }),
    ),
  ),
  max_bulk_tasks: z.nullish(z.number()),
  max_cameos: z.nullish(z.number()),
});

/** `editor/enhance_prompt` (docs/backend-facts.md §4.11). */
export const EnhanceSchema = z.looseObject({ enhanced_prompt: z.string().check(z.minLength(1)) });

/** `POST /backend/uploads` (docs/backend-facts.md §4.4 path 1): `{id}`, the media id. */
export const UploadSchema = z.looseObject({ id: z.string().check(z.minLength(1)) });

/**
 * `POST project_y/file/upload` (docs/backend-facts.md §4.4 path 2, videnx `UploadFileResponse`); a refusal comes back
 * as 200 `{user_error_message}` (docs/backend-facts.md §7.3, SCT), so both shapes parse and the caller decides.
 */
export const FileUploadSchema = z
  .looseObject({
    user_error_message: z.nullish(z.string()),
    file_id: z.nullish(z.string()),
    asset_pointer: z.nullish(z.string()),
    url: z.nullish(z.string()),
    contains_realistic_person: z.nullish(z.boolean()),
  })
  .check(
    z.refine((v) => Boolean(v.user_error_message || v.file_id), 'has neither file_id nor user_error_message'),
  );

/** One image task of `v2/recent_tasks` (docs/backend-facts.md §5.4). */
export const RecentImageTaskSchema = z.looseObject({
  id: z.string(),
  status: z.nullish(z.string()),
  progress_pct: z.nullish(z.number()),
  failure_reason: z.nullish(z.string()),
  error_message: z.nullish(z.string()),
  prompt: z.nullish(z.string()),
  created_at: z.nullish(z.number()),
  generations: z.nullish(z.array(z.looseObject({ id: z.nullish(z.string()), url: z.nullish(z.string()) }))),
});
export type RecentImageTask = z.infer<typeof RecentImageTaskSchema>;
/** `{task_responses:[…]}` (docs/backend-facts.md §5.4). */
export const RecentTasksSchema = z.looseObject({ task_responses: z.array(RecentImageTaskSchema) });

/** `characters/upload` and `characters/from-generation` (docs/backend-facts.md §4.9 step 1): `{id}` = cameo id. */
export const CameoCreatedSchema = z.looseObject({ id: z.string().check(z.minLength(1)) });

/** `project_y/cameos/in_progress/{id}` (docs/backend-facts.md §4.9 step 2). */
export const CameoStatusSchema = z.looseObject({
  status: z.nullish(z.string()),
  status_message: z.nullish(z.string()),
  display_name_hint: z.nullish(z.string()),
  username_hint: z.nullish(z.string()),
  profile_asset_url: z.nullish(z.string()),
  instruction_set_hint: z.optional(z.unknown()),
});
export type CameoStatus = z.infer<typeof CameoStatusSchema>;

/** `characters/finalize` (docs/backend-facts.md §4.9 step 5): `{character:{character_id}}`. */
export const FinalizeSchema = z.looseObject({
  character: z.looseObject({ character_id: z.string().check(z.minLength(1)) }),
});
