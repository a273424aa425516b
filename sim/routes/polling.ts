import type { Route, SimContext } from '../context';
import { json, type Reply, type SimRequest } from '../http';
import { blobName, signedMediaUrl } from '../media-url';
import { pendingItem } from '../views';

/** docs/backend-facts.md §5.1: a JSON array of the account's in-flight video tasks (external ones included). */
const pending = (_req: SimRequest, ctx: SimContext): Reply =>
  json(200, ctx.tasks.pending(ctx.now()).map(pendingItem));

/** docs/backend-facts.md §5.4: image task status. */
const recentTasks = (req: SimRequest, ctx: SimContext): Reply => {
  const now = ctx.now();
  const limit = Math.max(1, Number(req.query.limit) || 20);
  const images = ctx.tasks
    .all(now)
    .filter((t) => t.kind === 'image')
    .reverse()
    .slice(0, limit);
  const ttl = ctx.settings().mediaUrlTtlMs;
  return json(200, {
    task_responses: images.map((t) => ({
      id: t.id,
      status: t.status === 'done' ? 'succeeded' : t.status,
      progress_pct: t.progressPct,
      failure_reason: null,
      prompt: t.prompt,
      generations:
        t.status === 'done'
          ? [{ id: t.genId, url: signedMediaUrl(ctx.secret, blobName(t.mediaId, 'thumbnail'), ttl, now) }]
          : [],
    })),
  });
};

/** Polling routes. */
export const pollingRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/nf/pending/v2', handler: pending },
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/nf/pending', handler: pending },
  { host: 'sora.chatgpt.com', method: 'GET', path: '/backend/v2/recent_tasks', handler: recentTasks },
];
