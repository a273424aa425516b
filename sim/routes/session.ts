import { SIM_USER } from '../auth-state';
import type { Route, SimContext } from '../context';
import { SESSION_COOKIE } from '../cookies';
import { json, type Reply, type SimRequest } from '../http';

/**
 * docs/backend-facts.md §2.2: session cookie → `{accessToken, user, expires, internalApiBase}`; signed out → `{}` with 200.
 * [conflict] handling: with reissueTokenOnPageLoadOnly the same JWT comes back until a page load re-issues it.
 */
const session = (req: SimRequest, ctx: SimContext): Reply => {
  const s = ctx.auth.session(req.cookies[SESSION_COOKIE]);
  if (!s) return json(200, {});
  const now = ctx.now();
  const settings = ctx.settings();
  const token =
    settings.reissueTokenOnPageLoadOnly && s.accessToken
      ? s.accessToken
      : ctx.auth.issue(s, settings.tokenTtlMs, now);
  const nowS = Math.floor(now / 1000);
  return json(200, {
    accessToken: token,
    user: {
      ...SIM_USER,
      picture: SIM_USER.image,
      idp: 'google-oauth2',
      iat: nowS - 3600,
      mfa: false,
      lastAuthorizationCheck: nowS - 60,
    },
    expires: new Date(now + 90 * 86_400_000).toISOString(),
    internalApiBase: null,
  });
};

/** NextAuth session route. */
export const sessionRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'GET', path: '/api/auth/session', handler: session },
];
