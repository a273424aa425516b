import type { SimContext } from '../context';
import { missingBearerBody, sentinelBlockBody, tokenInvalidatedBody } from '../errors';
import { json, type Reply, type SimRequest } from '../http';

/** docs/backend-facts.md §2.4: /backend/* needs a valid, unexpired Bearer of a signed-in session. Returns the refusal or null. */
export function bearerRefusal(req: SimRequest, ctx: SimContext): Reply | null {
  const verdict = ctx.auth.verifyBearer(req.headers.authorization, ctx.now());
  if (verdict === 'missing') return json(401, missingBearerBody());
  if (verdict === 'invalid') return json(401, tokenInvalidatedBody());
  return null;
}

/** docs/backend-facts.md §3.1: writes need a valid openai-sentinel-token. Returns the 400 sentinel_block or null. */
export function sentinelRefusal(req: SimRequest, ctx: SimContext): Reply | null {
  const reason = ctx.sentinel.check(
    req.headers['openai-sentinel-token'],
    req.headers['oai-device-id'],
    ctx.settings().sentinelTtlMs,
    ctx.now(),
  );
  // The reason goes in a sim-only header so tests and humans can see why; the body is the real one.
  return reason ? json(400, sentinelBlockBody(), { 'x-sim-reason': reason }) : null;
}
