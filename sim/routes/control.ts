import { z } from 'zod';
import { errorMessage } from '../../lib/errors';
import type { SimContext } from '../context';
import { clearSessionCookie, DEVICE_COOKIE, deviceCookie, SESSION_COOKIE, sessionCookie } from '../cookies';
import { apiError, json, type Reply, type SimRequest } from '../http';
import { uuid } from '../ids';
import type { Sim } from '../types';

const headers = z.record(z.string(), z.string()).optional();
const ActionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('status'),
    status: z.number().int().min(100).max(599),
    body: z.unknown().optional(),
    headers,
  }),
  z.object({
    kind: z.literal('html'),
    status: z.number().int().min(100).max(599),
    html: z.string(),
    headers,
  }),
  z.object({ kind: z.literal('hang') }),
  z.object({ kind: z.literal('delay'), ms: z.number().nonnegative() }),
  z.object({ kind: z.literal('drop') }),
  z.object({ kind: z.literal('accept-then-drop') }),
  z.object({
    kind: z.literal('accept-then-cut'),
    holdUntil: z.enum(['task-finished', 'task-drafted']).optional(),
  }),
  z.object({ kind: z.literal('accept-then-hang') }),
  z.object({ kind: z.literal('duplicate') }),
  z.object({ kind: z.literal('truncate'), afterBytes: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('throw'), message: z.string().optional() }),
  z.object({
    kind: z.literal('redirect'),
    location: z.string().min(1),
    status: z
      .union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)])
      .optional(),
  }),
  z.object({
    kind: z.literal('huge'),
    bytes: z.number().int().positive(),
    chunked: z.boolean().optional(),
  }),
]);
/** JSON fault rule accepted by POST /__sim/faults (path: exact, or prefix with a trailing `*`). */
export const FaultRuleJsonSchema = z.object({
  method: z.string().optional(),
  host: z.string().optional(),
  path: z.string().min(1),
  times: z.number().int().positive().optional(),
  action: ActionSchema,
});

const bad = (message: string): Reply => json(400, apiError(message, 'invalid_request'));
const ok = (value: unknown = { ok: true }): Reply => json(200, value);

/** docs/backend-facts.md §2.1 cookies; sets the session and (if absent) the device id, then 302 → /explore. */
function login(req: SimRequest, ctx: SimContext): Reply {
  const now = ctx.now();
  const s = ctx.auth.login();
  const cookies = [sessionCookie(s.cookie, now)];
  if (!req.cookies[DEVICE_COOKIE]) cookies.push(deviceCookie(uuid(), now));
  return { status: 302, headers: { location: '/explore', 'set-cookie': cookies }, body: Buffer.alloc(0) };
}

function logout(req: SimRequest, ctx: SimContext): Reply {
  ctx.auth.logout(req.cookies[SESSION_COOKIE]);
  return {
    status: 302,
    headers: { location: '/', 'set-cookie': [clearSessionCookie()] },
    body: Buffer.alloc(0),
  };
}

/** Handles /__sim/* on sora.chatgpt.com (never logged, never faulted). */
export function handleControl(req: SimRequest, ctx: SimContext, sim: Sim): Reply {
  const route = `${req.method} ${req.path}`;
  switch (route) {
    case 'GET /__sim/login':
      return login(req, ctx);
    case 'GET /__sim/logout':
      return logout(req, ctx);
    case 'GET /__sim/log':
      return ok(sim.log.entries());
    case 'DELETE /__sim/log':
      sim.log.clear();
      return ok();
    case 'GET /__sim/tasks':
      return ok(sim.tasks());
    case 'GET /__sim/settings':
      return ok(sim.settings);
    case 'POST /__sim/settings':
      try {
        sim.set(req.body as Record<string, unknown>);
        return ok(sim.settings);
      } catch (e) {
        return bad(errorMessage(e));
      }
    case 'GET /__sim/faults':
      return ok(sim.faults.active().map((r) => ({ ...r, path: String(r.path) })));
    case 'POST /__sim/faults': {
      const parsed = FaultRuleJsonSchema.safeParse(req.body);
      if (!parsed.success) return bad(z.prettifyError(parsed.error));
      sim.faults.inject(parsed.data);
      return ok();
    }
    case 'DELETE /__sim/faults':
      sim.faults.clear();
      return ok();
    case 'POST /__sim/sign-out':
      sim.signOut();
      return ok();
    case 'POST /__sim/sign-in':
      sim.signIn();
      return ok();
    case 'POST /__sim/reset-quota':
      sim.faults.resetQuota();
      return ok();
    case 'POST /__sim/daily-limit':
      sim.faults.dailyLimit();
      return ok();
    case 'POST /__sim/external-task': {
      const renderMs = (req.body as { renderMs?: unknown } | undefined)?.renderMs;
      return ok({ id: sim.addExternalTask(typeof renderMs === 'number' ? { renderMs } : {}) });
    }
    default:
      return json(404, { error: { message: 'Not found', code: 'not_found' } });
  }
}
