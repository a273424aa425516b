import type { Route, SimContext } from '../context';
import { DEVICE_COOKIE, deviceCookie, SESSION_COOKIE } from '../cookies';
import { html, type Reply, type SimRequest } from '../http';
import { uuid } from '../ids';

const SDK_TAG = '<script src="https://chatgpt.com/backend-api/sentinel/sdk.js"></script>';

function page(signedIn: boolean): string {
  const main = signedIn
    ? '<main id="app" data-signed-in="true"><h1>Sora</h1><p>Your drafts and creations.</p></main>'
    : '<main id="app" data-signed-in="false"><h1>Sora</h1><a href="/__sim/login">Log in</a></main>';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sora</title>${SDK_TAG}</head><body>${main}</body></html>`;
}

/** Gives a browser without `oai-did` one, as chatgpt.com does on any visit (docs/backend-facts.md §2.1). */
function deviceCookieIfMissing(req: SimRequest, now: number): Record<string, string> {
  return req.cookies[DEVICE_COOKIE] ? {} : { 'set-cookie': deviceCookie(uuid(), now) };
}

/** Sora app pages; a signed-in load re-issues the access token when reissueTokenOnPageLoadOnly (docs/backend-facts.md §2.2). */
const soraPage = (req: SimRequest, ctx: SimContext): Reply => {
  const now = ctx.now();
  const s = ctx.auth.session(req.cookies[SESSION_COOKIE]);
  const settings = ctx.settings();
  if (s && settings.reissueTokenOnPageLoadOnly) ctx.auth.issue(s, settings.tokenTtlMs, now);
  return html(200, page(s !== null), deviceCookieIfMissing(req, now));
};

/** chatgpt.com home: hands out `oai-did` (docs/backend-facts.md §2.1, SHC `_fetch_oai_did`). */
const chatgptHome = (req: SimRequest, ctx: SimContext): Reply =>
  html(
    200,
    '<!DOCTYPE html><html><head><title>ChatGPT</title></head><body>ChatGPT</body></html>',
    deviceCookieIfMissing(req, ctx.now()),
  );

const PAGE = /^\/(explore|drafts|profile|library)?$|^\/(d|p|storyboard)\/[^/]+$/;

/** HTML page routes. */
export const pageRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'GET', path: PAGE, handler: soraPage },
  { host: 'chatgpt.com', method: 'GET', path: '/', handler: chatgptHome },
];
