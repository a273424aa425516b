import { z } from 'zod';
import { RateLimitSchema } from './schemas';

/** Quota (docs/backend-facts.md §7.1). */
export const QuotaResponseSchema = z.looseObject({ rate_limit_and_credit_balance: RateLimitSchema });

/** Plan (docs/backend-facts.md §2.6): `{data:[{plan:{id,title}, end_ts}]}`; `end_ts` may be a number or ISO string. */
export const SubscriptionsSchema = z.looseObject({
  data: z.array(
    z.looseObject({
      plan: z.looseObject({ id: z.string(), title: z.string().nullish() }),
      end_ts: z.union([z.number(), z.string()]).nullish(),
    }),
  ),
});

/** `/backend/models?nf2=true` (docs/backend-facts.md §2.6): `{data:[{id,label}]}`. */
export const ModelsSchema = z.looseObject({
  data: z.array(z.looseObject({ id: z.string(), label: z.string().nullish() })),
});

/** `project_y/initialize_async` (docs/backend-facts.md §2.6, §4.8): we only rely on `styles[]`. */
export const InitializeAsyncSchema = z.looseObject({
  styles: z
    .array(
      z.looseObject({ id: z.string(), display_name: z.string().nullish(), image_url: z.string().nullish() }),
    )
    .nullish(),
  max_bulk_tasks: z.number().nullish(),
  max_cameos: z.number().nullish(),
});

/** `editor/enhance_prompt` (docs/backend-facts.md §4.11). */
export const EnhanceSchema = z.looseObject({ enhanced_prompt: z.string().min(1) });

/** `POST /backend/uploads` (docs/backend-facts.md §4.4 path 1): `{id}`, the media id. */
export const UploadSchema = z.looseObject({ id: z.string().min(1) });

/**
 * `POST project_y/file/upload` (docs/backend-facts.md §4.4 path 2, videnx `UploadFileResponse`); a refusal comes back
 * as 200 `{user_error_message}` (docs/backend-facts.md §7.3, SCT), so both shapes parse and the caller decides.
 */
export const FileUploadSchema = z
  .looseObject({
    user_error_message: z.string().nullish(),
    file_id: z.string().nullish(),
    asset_pointer: z.string().nullish(),
    url: z.string().nullish(),
    contains_realistic_person: z.boolean().nullish(),
  })
  .refine((v) => Boolean(v.user_error_message || v.file_id), 'has neither file_id nor user_error_message');

/** One image task of `v2/recent_tasks` (docs/backend-facts.md §5.4). */
export const RecentImageTaskSchema = z.looseObject({
  id: z.string(),
  status: z.string().nullish(),
  progress_pct: z.number().nullish(),
  failure_reason: z.string().nullish(),
  error_message: z.string().nullish(),
  prompt: z.string().nullish(),
  created_at: z.number().nullish(),
  generations: z.array(z.looseObject({ id: z.string().nullish(), url: z.string().nullish() })).nullish(),
});
export type RecentImageTask = z.infer<typeof RecentImageTaskSchema>;
/** `{task_responses:[…]}` (docs/backend-facts.md §5.4). */
export const RecentTasksSchema = z.looseObject({ task_responses: z.array(RecentImageTaskSchema) });

/** `characters/upload` and `characters/from-generation` (docs/backend-facts.md §4.9 step 1): `{id}` = cameo id. */
export const CameoCreatedSchema = z.looseObject({ id: z.string().min(1) });

/** `project_y/cameos/in_progress/{id}` (docs/backend-facts.md §4.9 step 2). */
export const CameoStatusSchema = z.looseObject({
  status: z.string().nullish(),
  status_message: z.string().nullish(),
  display_name_hint: z.string().nullish(),
  username_hint: z.string().nullish(),
  profile_asset_url: z.string().nullish(),
  instruction_set_hint: z.unknown().optional(),
});
export type CameoStatus = z.infer<typeof CameoStatusSchema>;

/** `characters/finalize` (docs/backend-facts.md §4.9 step 5): `{character:{character_id}}`. */
export const FinalizeSchema = z.looseObject({
  character: z.looseObject({ character_id: z.string().min(1) }),
});
