import type { Caller } from './call';
import {
  type Mentions,
  MentionsSchema,
  MeSchema,
  type Post,
  PostByIdSchema,
  PostsPageSchema,
} from './schemas-library';

export interface PostsPage {
  items: Post[];
  cursor: string | null;
}

/** Read-only endpoints the library walks (docs/backend-facts.md §1): own posts, one post, own characters. */
export function createLibraryEndpoints(call: Caller) {
  return {
    /** One page of the account's own posts, newest first (docs/backend-facts.md §1 `profile_feed/me`). */
    async ownPosts(cursor: string | null = null, limit = 8): Promise<PostsPage> {
      const query = new URLSearchParams({ limit: String(limit), cut: 'nf2' });
      if (cursor) query.set('cursor', cursor);
      const page = await call.read('posts', `/project_y/profile_feed/me?${query}`, PostsPageSchema);
      return { items: page.items.map((i) => i.post), cursor: page.cursor ?? null };
    },
    /** One post by id, for a fresh link (docs/backend-facts.md §5.6). */
    async post(postId: string): Promise<Post> {
      const path = `/project_y/post/${encodeURIComponent(postId)}`;
      return (await call.read('post', path, PostByIdSchema)).post;
    },
    /** The own username (docs/backend-facts.md §2.6 `/backend/me`); null before Sora onboarding. */
    async username(): Promise<string | null> {
      return (await call.read('me', '/me', MeSchema)).username ?? null;
    },
    /** Characters matching `@username` (docs/backend-facts.md §4.9: `search_mentions?intent=cameo`). */
    mentions(username: string, limit = 50): Promise<Mentions> {
      const query = new URLSearchParams({ username, intent: 'cameo', limit: String(limit) });
      return call.read('mentions', `/project_y/profile/search_mentions?${query}`, MentionsSchema);
    },
  };
}
