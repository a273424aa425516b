import type { Route, SimContext } from '../context';
import { apiError, json, type Reply, type SimRequest } from '../http';
import type { SimPost } from '../library';
import { draftItem } from '../views';

const encodeCursor = (lastId: string): string =>
  Buffer.from(JSON.stringify({ last: lastId })).toString('base64url');

function decodeCursor(cursor: string): string | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = (v as { last?: unknown } | null)?.last;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** A post as SV §6.3 shows it: `{post:{id, text, posted_at, attachments:[…]}, profile}`. */
function postView(p: SimPost, ctx: SimContext) {
  const task = ctx.tasks.byGenId(p.genId, ctx.now());
  const draft = task ? draftItem(task, ctx) : null;
  return {
    post: {
      id: p.id,
      text: p.text,
      posted_at: p.postedAt / 1000,
      permalink: `https://sora.chatgpt.com/p/${p.id}`,
      attachments: draft
        ? [
            {
              id: `${p.id}-attachment-0`,
              kind: 'sora',
              generation_id: p.genId,
              task_id: draft.task_id,
              width: draft.width,
              height: draft.height,
              duration_s: draft.duration_s,
              downloadable_url: draft.downloadable_url,
              encodings: { source: { path: draft.downloadable_url }, thumbnail: draft.encodings.thumbnail },
            },
          ]
        : [],
    },
    profile: { username: 'simuser' },
  };
}

/** docs/backend-facts.md §1 `profile_feed/me?limit=&cut=nf2[&cursor=]`: own posts, newest first, cursor names the last. */
const feed = (req: SimRequest, ctx: SimContext): Reply => {
  const all = ctx.library.posts;
  const limit = Math.min(50, Math.max(1, Math.floor(Number(req.query.limit)) || 8));
  let start = 0;
  if (req.query.cursor) {
    const last = decodeCursor(req.query.cursor);
    const at = last === null ? -1 : all.findIndex((p) => p.id === last);
    if (at < 0)
      return json(400, apiError('Invalid cursor', 'invalid_request', 'invalid_request_error', 'cursor'));
    start = at + 1;
  }
  const page = all.slice(start, start + limit);
  const last = page[page.length - 1];
  return json(200, {
    items: page.map((p) => postView(p, ctx)),
    cursor: start + limit < all.length && last ? encodeCursor(last.id) : null,
  });
};

/** docs/backend-facts.md §5.6 `post/{s_id}`. */
const onePost = (_req: SimRequest, ctx: SimContext, [id]: string[]): Reply => {
  const p = ctx.library.posts.find((x) => x.id === id);
  return p ? json(200, postView(p, ctx)) : json(404, apiError('Post not found', 'not_found'));
};

/** docs/backend-facts.md §4.9 `search_mentions?intent=cameo`: the sim answers with the account's characters. */
const mentions = (req: SimRequest, ctx: SimContext): Reply => {
  if (req.query.intent !== 'cameo' || !req.query.username) return json(200, { items: [], cursor: null });
  const items = ctx.library.characters.map((c) => ({
    profile: {
      user_id: c.id,
      character_id: c.id,
      username: c.username,
      display_name: c.displayName,
      profile_picture_url: ctx.library.pictureUrl(c),
      created_at: c.createdAt / 1000,
    },
  }));
  return json(200, { items, cursor: null });
};

/** The library's lists beyond drafts (sim/README "Library"). */
export const libraryRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/project_y/profile_feed/me', handler: feed },
  {
    host: 'sora.chatgpt.com',
    method: 'GET',
    path: /^\/backend\/project_y\/post\/(s_[A-Za-z0-9]+)$/,
    handler: onePost,
  },
  {
    host: 'sora.chatgpt.com',
    method: 'GET',
    path: '/backend/project_y/profile/search_mentions',
    handler: mentions,
  },
];
