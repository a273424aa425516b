import { z } from 'zod';
import { DraftSchema } from './schemas';

const EncodingSchema = z.looseObject({ path: z.string().nullish(), url: z.string().nullish() }).nullish();

/** One attachment of a post (docs/backend-facts.md §6.2: attachments carry `encodings.*.{url|path}`). */
export const PostAttachmentSchema = z.looseObject({
  generation_id: z.string().nullish(),
  task_id: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
  duration_s: z.number().nullish(),
  downloadable_url: z.string().nullish(),
  url: z.string().nullish(),
  encodings: z
    .looseObject({ source: EncodingSchema, source_wm: EncodingSchema, thumbnail: EncodingSchema })
    .nullish(),
});
export type PostAttachment = z.infer<typeof PostAttachmentSchema>;

/** A post (`s_…`) as `profile_feed/me` and `post/{s_id}` carry it (docs/backend-facts.md §1, §5.6, SV §6.3). */
export const PostSchema = z.looseObject({
  id: z.string(),
  text: z.string().nullish(),
  posted_at: z.number().nullish(),
  attachments: z.array(PostAttachmentSchema).nullish(),
});
export type Post = z.infer<typeof PostSchema>;

/** `profile_feed/me` page: `{items:[{post, profile}], cursor}`; the cursor is opaque, null at the end. */
export const PostsPageSchema = z.looseObject({
  items: z.array(z.looseObject({ post: PostSchema })),
  cursor: z.string().nullish(),
});

/** `post/{s_id}` → `{post, profile, …}` (docs/backend-facts.md §5.6). */
export const PostByIdSchema = z.looseObject({ post: PostSchema });

/**
 * `search_mentions?intent=cameo` (docs/backend-facts.md §4.9: the only documented way to find own characters; its
 * answer shape is not documented, so every field is optional and unknown items are skipped).
 */
export const MentionsSchema = z.looseObject({
  items: z
    .array(
      z.looseObject({
        profile: z
          .looseObject({
            user_id: z.string().nullish(),
            character_id: z.string().nullish(),
            username: z.string().nullish(),
            display_name: z.string().nullish(),
            profile_picture_url: z.string().nullish(),
            created_at: z.number().nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
  cursor: z.string().nullish(),
});
export type Mentions = z.infer<typeof MentionsSchema>;

/** `GET /backend/me` (docs/backend-facts.md §2.6): the own username names the account's characters. */
export const MeSchema = z.looseObject({ username: z.string().nullish() });

export { DraftSchema };
