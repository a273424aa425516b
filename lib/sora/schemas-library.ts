import { z } from 'zod/mini';
import { DraftSchema } from './schemas';

const EncodingSchema = z.nullish(z.looseObject({ path: z.nullish(z.string()), url: z.nullish(z.string()) }));

/** One attachment of a post (docs/backend-facts.md §6.2: attachments carry `encodings.*.{url|path}`). */
export const PostAttachmentSchema = z.looseObject({
  generation_id: z.nullish(z.string()),
  task_id: z.nullish(z.string()),
  width: z.nullish(z.number()),
  height: z.nullish(z.number()),
  duration_s: z.nullish(z.number()),
  downloadable_url: z.nullish(z.string()),
  url: z.nullish(z.string()),
  encodings: z.nullish(
    z.looseObject({ source: EncodingSchema, source_wm: EncodingSchema, thumbnail: EncodingSchema }),
  ),
});
export type PostAttachment = z.infer<typeof PostAttachmentSchema>;

/** A post (`s_…`) as `profile_feed/me` and `post/{s_id}` carry it (docs/backend-facts.md §1, §5.6, SV §6.3). */
export const PostSchema = z.looseObject({
  id: z.string(),
  text: z.nullish(z.string()),
  posted_at: z.nullish(z.number()),
  attachments: z.nullish(z.array(PostAttachmentSchema)),
});
export type Post = z.infer<typeof PostSchema>;

/** `profile_feed/me` page: `{items:[{post, profile}], cursor}`; the cursor is opaque, null at the end. */
export const PostsPageSchema = z.looseObject({
  items: z.array(z.looseObject({ post: PostSchema })),
  cursor: z.nullish(z.string()),
});

/** `post/{s_id}` → `{post, profile, …}` (docs/backend-facts.md §5.6). */
export const PostByIdSchema = z.looseObject({ post: PostSchema });

/**
 * `search_mentions?intent=cameo` (docs/backend-facts.md §4.9: the only documented way to find own characters; its
 * answer shape is not documented, so every field is optional and unknown items are skipped).
 */
export const MentionsSchema = z.looseObject({
  items: z.nullish(
    z.array(
      z.looseObject({
        profile: z.nullish(
          z.looseObject({
            user_id: z.nullish(z.string()),
            character_id: z.nullish(z.string()),
            username: z.nullish(z.string()),
            display_name: z.nullish(z.string()),
            profile_picture_url: z.nullish(z.string()),
            created_at: z.nullish(z.number()),
          }),
        ),
      }),
    ),
  ),
  cursor: z.nullish(z.string()),
});
export type Mentions = z.infer<typeof MentionsSchema>;

/** `GET /backend/me` (docs/backend-facts.md §2.6): the own username names the account's characters. */
export const MeSchema = z.looseObject({ username: z.nullish(z.string()) });

export { DraftSchema };
