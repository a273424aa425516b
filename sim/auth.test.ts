import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimFetch } from './client';
import { DEVICE_COOKIE, SESSION_COOKIE } from './cookies';
import { signInClient } from './helpers';
import { decodeJwtPayload } from './jwt';
import { startSim } from './server';
import { getJson } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

const SESSION = 'https://sora.chatgpt.com/api/auth/session';

describe('host routing', () => {
  it('routes by Host header: each host serves only its own paths', async () => {
    const f = createSimFetch(sim);
    expect((await f('https://chatgpt.com/backend-api/sentinel/sdk.js')).status).toBe(200);
    expect((await f('https://sora.chatgpt.com/backend-api/sentinel/sdk.js')).status).toBe(404);
    expect((await f('https://videos.openai.com/explore')).status).toBe(404);
    const page = await f('https://sora.chatgpt.com/explore');
    expect(await page.text()).toContain('<title>Sora</title>');
  });

  it('answers unknown paths with the not_found JSON', async () => {
    const res = await createSimFetch(sim)('https://sora.chatgpt.com/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'Not found', code: 'not_found' } });
  });

  it('exposes Chromium flags mapping every host and the SPKI hash', () => {
    const args = sim.chromiumArgs();
    for (const h of sim.hosts) expect(args[0]).toContain(`MAP ${h} 127.0.0.1:${sim.port}`);
    expect(args[1]).toBe(`--ignore-certificate-errors-spki-list=${sim.spkiHash}`);
    expect(Buffer.from(sim.spkiHash, 'base64')).toHaveLength(32);
  });
});

describe('login and session', () => {
  it('login sets the session and device cookies on .chatgpt.com and redirects to /explore', async () => {
    const f = createSimFetch(sim);
    const res = await f('https://sora.chatgpt.com/__sim/login', { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/explore');
    const [session, did] = res.headers.getSetCookie();
    expect(session).toMatch(
      /^__Secure-next-auth\.session-token=[^;]+; Domain=\.chatgpt\.com; Path=\/;.*Secure; HttpOnly; SameSite=Lax/,
    );
    expect(did).toMatch(/^oai-did=[0-9a-f-]{36}; Domain=\.chatgpt\.com; Path=\/;.*Secure/);
    expect(did).not.toContain('HttpOnly');
    // Domain=.chatgpt.com: the cookies reach chatgpt.com too (the sentinel host).
    expect(f.jar.get('https://chatgpt.com/', SESSION_COOKIE)?.httpOnly).toBe(true);
    expect(f.jar.get('https://chatgpt.com/', DEVICE_COOKIE)?.httpOnly).toBe(false);
  });

  it('returns {} with 200 when signed out or without a cookie', async () => {
    const res = await createSimFetch(sim)(SESSION);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
  });

  it('returns the documented session shape with a JWT carrying exp and the OpenAI claims', async () => {
    sim.set({ tokenTtlMs: 3_600_000 });
    const f = createSimFetch(sim);
    await f('https://sora.chatgpt.com/__sim/login');
    const body = (await (await f(SESSION)).json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expires', 'internalApiBase', 'user']);
    expect(body.internalApiBase).toBeNull();
    expect(Object.keys(body.user as object).sort()).toEqual(
      ['email', 'iat', 'id', 'idp', 'image', 'lastAuthorizationCheck', 'mfa', 'name', 'picture'].sort(),
    );
    const token = body.accessToken as string;
    expect(token.split('.')).toHaveLength(3);
    const claims = decodeJwtPayload(token)!;
    expect((claims.exp as number) * 1000).toBeGreaterThan(Date.now() + 3_590_000);
    expect((claims.exp as number) * 1000).toBeLessThanOrEqual(Date.now() + 3_600_000);
    expect((claims['https://api.openai.com/profile'] as { email: string }).email).toBe(
      (body.user as { email: string }).email,
    );
    expect((claims['https://api.openai.com/auth'] as { chatgpt_user_id: string }).chatgpt_user_id).toBe(
      (body.user as { id: string }).id,
    );
    expect(sim.currentAccessToken()).toBe(token);
  });

  it('/__sim/logout deletes the cookie and the old cookie value stops working', async () => {
    const f = createSimFetch(sim);
    await f('https://sora.chatgpt.com/__sim/login');
    const old = f.jar.get('https://sora.chatgpt.com/', SESSION_COOKIE)!.value;
    await f('https://sora.chatgpt.com/__sim/logout', { redirect: 'manual' });
    expect(f.jar.get('https://sora.chatgpt.com/', SESSION_COOKIE)).toBeUndefined();
    const replay = await f(SESSION, { headers: { cookie: `${SESSION_COOKIE}=${old}` }, credentials: 'omit' });
    expect(await replay.json()).toEqual({});
  });
});

describe('token re-issue (docs/backend-facts.md §2.2 conflict)', () => {
  const tokenOf = async (f: ReturnType<typeof createSimFetch>) =>
    ((await (await f(SESSION)).json()) as { accessToken: string }).accessToken;

  it('returns the same JWT until a page load re-issues it', async () => {
    const f = createSimFetch(sim);
    await f('https://sora.chatgpt.com/__sim/login');
    const a = await tokenOf(f);
    expect(await tokenOf(f)).toBe(a);
    await f('https://sora.chatgpt.com/drafts');
    const b = await tokenOf(f);
    expect(b).not.toBe(a);
    expect(await tokenOf(f)).toBe(b);
  });

  it('keeps returning an expired JWT until a page load, then a fresh one', async () => {
    sim.set({ tokenTtlMs: 150 });
    const c = await signInClient(sim);
    await new Promise((r) => setTimeout(r, 200));
    expect(await tokenOf(c.f)).toBe(c.accessToken);
    expect((await getJson(c, '/backend/nf/check')).status).toBe(401);
    expect(sim.currentAccessToken()).toBeNull();
    await c.f('https://sora.chatgpt.com/explore');
    c.accessToken = await tokenOf(c.f);
    expect((await getJson(c, '/backend/nf/check')).status).toBe(200);
  });

  it('issues a new JWT on every session call when reissueTokenOnPageLoadOnly is false', async () => {
    sim.set({ reissueTokenOnPageLoadOnly: false });
    const f = createSimFetch(sim);
    await f('https://sora.chatgpt.com/__sim/login');
    const a = await tokenOf(f);
    const b = await tokenOf(f);
    expect(a).not.toBe(b);
  });
});

describe('Bearer rules on /backend/* (docs/backend-facts.md §2.4)', () => {
  it('401 "Missing bearer" without a header, token_invalidated for a bad one', async () => {
    const c = await signInClient(sim);
    const none = await c.f('https://sora.chatgpt.com/backend/nf/pending/v2');
    expect(none.status).toBe(401);
    expect(((await none.json()) as { error: { message: string } }).error.message).toBe(
      'Missing bearer authentication in header',
    );
    const forged = `${c.accessToken.slice(0, -4)}AAAA`;
    const bad = await c.f('https://sora.chatgpt.com/backend/nf/pending/v2', {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('token_invalidated');
    expect((await getJson(c, '/backend/nf/pending/v2')).status).toBe(200);
  });

  it('signOut() invalidates tokens and sessions; signIn() restores them', async () => {
    const c = await signInClient(sim);
    sim.signOut();
    expect((await getJson(c, '/backend/nf/check')).status).toBe(401);
    expect(await (await c.f(SESSION)).json()).toEqual({});
    expect(await (await c.f('https://sora.chatgpt.com/explore')).text()).toContain('Log in');
    expect(sim.currentAccessToken()).toBeNull();
    sim.signIn();
    expect((await getJson(c, '/backend/nf/check')).status).toBe(200);
    expect(await (await c.f('https://sora.chatgpt.com/explore')).text()).not.toContain('Log in');
  });

  it('pages include the sentinel SDK script and give a device id to new browsers', async () => {
    const f = createSimFetch(sim);
    const res = await f('https://sora.chatgpt.com/d/gen_abc');
    expect(await res.text()).toContain(
      '<script src="https://chatgpt.com/backend-api/sentinel/sdk.js"></script>',
    );
    expect(f.jar.get('https://sora.chatgpt.com/', DEVICE_COOKIE)).toBeDefined();
  });
});
