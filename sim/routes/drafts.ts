import type { Route, SimContext } from '../context';
import { apiError, json, type Reply, type SimRequest } from '../http';
import { draftItem } from '../views';

/** docs/backend-facts.md §5.2 (SV §8.3): the real cursor wraps `{habidex_cursor, projects_cursor}`; the sim base64s it. */
const encodeCursor = (lastGenId: string): string =>
  Buffer.from(JSON.stringify({ habidex_cursor: lastGenId, projects_cursor: '' })).toString('base64url');

function decodeCursor(cursor: string): string | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const id = (v as { habidex_cursor?: unknown } | null)?.habidex_cursor;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** Newest-first page of drafts; the cursor names the last item seen so new drafts do not shift pages. */
const list = (req: SimRequest, ctx: SimContext): Reply => {
  const all = ctx.tasks.drafts(ctx.now());
  const limit = Math.min(100, Math.max(1, Math.floor(Number(req.query.limit)) || 15));
  let start = 0;
  if (req.query.cursor) {
    const last = decodeCursor(req.query.cursor);
    const at = last === null ? -1 : all.findIndex((t) => t.genId === last);
    if (at < 0)
      return json(400, apiError('Invalid cursor', 'invalid_request', 'invalid_request_error', 'cursor'));
    start = at + 1;
  }
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  const last = page[page.length - 1];
  return json(200, {
    items: page.map((t) => draftItem(t, ctx)),
    cursor: more && last ? encodeCursor(last.genId) : null,
  });
};

/** docs/backend-facts.md §5.6: `{draft:{…}}` by generation id. */
const one = (_req: SimRequest, ctx: SimContext, [id]: string[]): Reply => {
  const t = id ? ctx.tasks.byGenId(id, ctx.now()) : undefined;
  return t ? json(200, { draft: draftItem(t, ctx) }) : json(404, apiError('Draft not found', 'not_found'));
};

/** docs/backend-facts.md §6.5: mark read, body `{}`. */
const markRead = (_req: SimRequest, ctx: SimContext, [id]: string[]): Reply =>
  id && ctx.tasks.byGenId(id, ctx.now())
    ? json(200, {})
    : json(404, apiError('Draft not found', 'not_found'));

/** Draft routes (v2 is the current web path; the older path is still used by proxies, docs/backend-facts.md §1). */
export const draftRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/project_y/profile/drafts/v2', handler: list },
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/project_y/profile/drafts', handler: list },
  {
    host: 'sora.chatgpt.com',
    method: 'GET',
    path: /^\/backend\/project_y\/profile\/drafts\/v2\/(gen_[A-Za-z0-9]+)$/,
    handler: one,
  },
  {
    host: 'sora.chatgpt.com',
    method: 'POST',
    path: /^\/backend\/project_y\/profile\/drafts\/(gen_[A-Za-z0-9]+)\/read$/,
    handler: markRead,
  },
];
