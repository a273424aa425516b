import { z } from 'zod';
import type { BackendSimServer } from './backend-server';
import { apiError, json, type Reply, type SimRequest } from './http';
import { FaultRuleJsonSchema } from './routes/control';

/** A 400 for a control call the sim cannot take. */
export const controlError = (message: string): Reply => json(400, apiError(message, 'invalid_request'));
/** A 200 for a control call. */
export const controlOk = (value: unknown = { ok: true }): Reply => json(200, value);

/**
 * The control routes every backend simulator shares with the Sora one (sim/README.md "Control API"):
 * the request log and fault rules. Null when the route is not one of them.
 */
export function sharedControl(req: SimRequest, server: BackendSimServer): Reply | null {
  switch (`${req.method} ${req.path}`) {
    case 'GET /__sim/log':
      return controlOk(server.log.entries());
    case 'DELETE /__sim/log':
      server.log.clear();
      return controlOk();
    case 'GET /__sim/faults':
      return controlOk(server.faults.active().map((r) => ({ ...r, path: String(r.path) })));
    case 'POST /__sim/faults': {
      const parsed = FaultRuleJsonSchema.safeParse(req.body);
      if (!parsed.success) return controlError(z.prettifyError(parsed.error));
      server.faults.inject(parsed.data);
      return controlOk();
    }
    case 'DELETE /__sim/faults':
      server.faults.clear();
      return controlOk();
    default:
      return null;
  }
}

/** Applies a settings patch through `set`, answering 400 with the reason when it is refused. */
export function patchSettings(
  req: SimRequest,
  set: (patch: Record<string, unknown>) => void,
  read: () => unknown,
): Reply {
  try {
    set((req.body ?? {}) as Record<string, unknown>);
    return controlOk(read());
  } catch (e) {
    return controlError(e instanceof Error ? e.message : String(e));
  }
}

/** The bearer token, or Azure's `api-key` header value, of a request (null when neither is sent). */
export function presentedKey(req: SimRequest, accept: 'bearer' | 'api-key' | 'either'): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
  const apiKey = req.headers['api-key'] ?? null;
  if (accept === 'bearer') return bearer;
  if (accept === 'api-key') return apiKey;
  return bearer ?? apiKey;
}
