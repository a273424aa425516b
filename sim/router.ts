import type { Route, SimContext } from './context';
import { notFound, type Reply, type SimRequest } from './http';
import { accountRoutes } from './routes/account';
import { characterRoutes } from './routes/characters';
import { composerRoutes } from './routes/composer';
import { createRoutes } from './routes/create';
import { draftRoutes } from './routes/drafts';
import { bearerRefusal } from './routes/guard';
import { libraryRoutes } from './routes/library';
import { mediaRoutes } from './routes/media';
import { pageRoutes } from './routes/pages';
import { pollingRoutes } from './routes/polling';
import { sentinelRoutes } from './routes/sentinel';
import { sessionRoutes } from './routes/session';
import { uploadRoutes } from './routes/uploads';

const ROUTES: Route[] = [
  ...pageRoutes,
  ...sessionRoutes,
  ...sentinelRoutes,
  ...createRoutes,
  ...pollingRoutes,
  ...draftRoutes,
  ...accountRoutes,
  ...mediaRoutes,
  ...uploadRoutes,
  ...characterRoutes,
  ...composerRoutes,
  ...libraryRoutes,
];

function match(route: Route, req: SimRequest): string[] | null {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  if (route.host !== req.host || route.method !== method) return null;
  if (typeof route.path === 'string') return route.path === req.path ? [] : null;
  const m = route.path.exec(req.path);
  return m ? m.slice(1).map((g) => g ?? '') : null;
}

/** Dispatches by Host header and path; /backend/* on sora goes through the Bearer check first (docs/backend-facts.md §2.4). */
export async function route(req: SimRequest, ctx: SimContext): Promise<Reply> {
  for (const r of ROUTES) {
    const params = match(r, req);
    if (!params) continue;
    if (req.host === 'sora.chatgpt.com' && req.path.startsWith('/backend/')) {
      const refusal = bearerRefusal(req, ctx);
      if (refusal) return refusal;
    }
    return r.handler(req, ctx, params);
  }
  return notFound();
}
