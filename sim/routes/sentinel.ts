import type { Route, SimContext } from '../context';
import { SESSION_COOKIE } from '../cookies';
import { apiError, json, notFound, type Reply, type SimRequest } from '../http';
import { SENTINEL_SDK_JS } from '../sentinel-sdk';

const ALLOWED_ORIGINS = ['https://sora.chatgpt.com', 'https://chatgpt.com'];

/** The SDK posts from the sora page to chatgpt.com with credentials, so CORS must echo the origin. */
function cors(req: SimRequest): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !ALLOWED_ORIGINS.includes(origin)) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    vary: 'Origin',
  };
}

/** docs/backend-facts.md §3.3: the sdk.js shim (404 when settings.sentinelSdk is 'missing'). */
const sdk = (_req: SimRequest, ctx: SimContext): Reply =>
  ctx.settings().sentinelSdk === 'missing'
    ? notFound()
    : {
        status: 200,
        headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' },
        body: Buffer.from(SENTINEL_SDK_JS),
      };

/** docs/backend-facts.md §3.4: `{p, id, flow}` (text/plain JSON) → `{persona, token, proofofwork, turnstile}`. */
const challenge = (req: SimRequest, ctx: SimContext): Reply => {
  const b = req.body as { p?: unknown; flow?: unknown } | undefined;
  if (typeof b !== 'object' || b === null || typeof b.flow !== 'string' || typeof b.p !== 'string') {
    return json(400, apiError('Invalid sentinel request', 'invalid_request'), cors(req));
  }
  const signedIn = ctx.auth.session(req.cookies[SESSION_COOKIE]) !== null;
  const now = ctx.now();
  return json(
    200,
    {
      persona: signedIn ? 'chatgpt-paid' : 'chatgpt-noauth',
      token: ctx.sentinel.issue(now),
      expire_after: Math.floor(ctx.settings().sentinelTtlMs / 1000),
      proofofwork: { required: false },
      turnstile: { required: false },
    },
    cors(req),
  );
};

const preflight = (req: SimRequest): Reply => ({
  status: 204,
  headers: {
    ...cors(req),
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'content-type',
    'access-control-max-age': '600',
  },
  body: Buffer.alloc(0),
});

/** chatgpt.com sentinel routes. */
export const sentinelRoutes: Route[] = [
  { host: 'chatgpt.com', method: 'GET', path: '/backend-api/sentinel/sdk.js', handler: sdk },
  { host: 'chatgpt.com', method: 'POST', path: '/backend-api/sentinel/req', handler: challenge },
  { host: 'chatgpt.com', method: 'OPTIONS', path: '/backend-api/sentinel/req', handler: preflight },
];
