import { describe, expect, it } from 'vitest';
import { isSoraError } from '@/lib/sora/errors';
import { SENTINEL_COOLDOWN_MS, SENTINEL_REUSE_MS } from '@/lib/sora/sentinel';
import { createStack, fixture, json, jwt, routeFetch, sentinelString } from './helpers';

const DAY = 86_400_000;
const sessionWith = (token: string) => json(200, { ...(fixture('session') as object), accessToken: token });

describe('session (docs/backend-facts.md §2.2, §2.4)', () => {
  it('signed out is a state from check(), and token() throws signed_out (not auth)', async () => {
    const f = routeFetch({ 'GET /api/auth/session': json(200, fixture('session-empty')) });
    const s = createStack({ fetch: f.fetch });
    expect(await s.session.check()).toEqual({ state: 'signed-out' });
    const error = await s.session.token().catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('signed_out');
  });

  it.each([
    ['an empty body', new Response('', { status: 200 })],
    [
      'a login page',
      new Response('<html><a>Log in</a></html>', { headers: { 'content-type': 'text/html' } }),
    ],
  ])('%s means signed out (docs/backend-facts.md §2.2)', async (_n, res) => {
    const f = routeFetch({ 'GET /api/auth/session': res });
    expect(await createStack({ fetch: f.fetch }).session.check()).toEqual({ state: 'signed-out' });
  });

  it('a Cloudflare page on the session endpoint is a challenge, not a sign-out', async () => {
    const html = '<html><title>Just a moment...</title></html>';
    const f = routeFetch({
      'GET /api/auth/session': new Response(html, { headers: { 'content-type': 'text/html' } }),
    });
    const error = await createStack({ fetch: f.fetch })
      .session.check()
      .catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('challenge');
  });

  it('caches the token; refreshes before expiry by reloading its own Sora page when the same JWT comes back', async () => {
    let now = 1_775_000_000_000;
    const old = jwt(now + DAY, 'old');
    const renewed = jwt(now + 9 * DAY, 'new');
    let reloaded = false;
    const f = routeFetch({ 'GET /api/auth/session': () => sessionWith(reloaded ? renewed : old) });
    const s = createStack({
      fetch: f.fetch,
      now: () => now,
      reloadSoraPage: async () => {
        reloaded = true;
      },
    });
    expect(await s.session.token()).toBe(old);
    expect(await s.session.token()).toBe(old);
    expect(f.calls).toHaveLength(1);
    now += DAY - 60_000; // within the 120 s margin
    expect(await s.session.token()).toBe(renewed);
    expect(s.reloads.count).toBe(1);
    expect(s.stored()?.accessToken).toBe(renewed);
  });

  it('still expired after the reload → auth error, not a loop', async () => {
    const now = 1_775_000_000_000;
    const f = routeFetch({ 'GET /api/auth/session': sessionWith(jwt(now + 30_000)) });
    const s = createStack({ fetch: f.fetch, now: () => now });
    const error = await s.session.token().catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('auth');
    expect(f.calls).toHaveLength(2);
  });

  it('after a 401 the call is retried once with a refreshed token; a second 401 surfaces', async () => {
    const now = 1_775_000_000_000;
    const f = routeFetch({
      'GET /api/auth/session': sessionWith(jwt(now + 8 * DAY)),
      'GET /backend/nf/check': [
        json(401, fixture('error-token-invalidated')),
        json(200, fixture('nf-check')),
        json(401, fixture('error-token-invalidated')),
      ],
    });
    const s = createStack({ fetch: f.fetch, now: () => now });
    await expect(s.client.quota()).resolves.toMatchObject({ remaining: 27 });
    expect(s.reloads.count).toBe(1); // the same JWT came back, so the own tab was reloaded once
    const error = await s.client.quota().catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('auth');
  });

  it('concurrent token() calls share one refresh', async () => {
    const f = routeFetch({ 'GET /api/auth/session': sessionWith(jwt(Date.now() + DAY)) });
    const s = createStack({ fetch: f.fetch });
    await Promise.all([s.session.token(), s.session.token(), s.session.token()]);
    expect(f.calls).toHaveLength(1);
  });
});

describe('sentinel (docs/backend-facts.md §3.3)', () => {
  it('reuses a token for a short window, then asks the page again', async () => {
    let now = 0;
    const s = createStack({ fetch: routeFetch({}).fetch, now: () => now });
    await s.sentinel.token();
    await s.sentinel.token();
    expect(s.pageCalls.count).toBe(1);
    now += SENTINEL_REUSE_MS;
    await s.sentinel.token();
    expect(s.pageCalls.count).toBe(2);
  });

  it('after sentinel_block: one fresh token and one retry, then the error surfaces', async () => {
    let n = 0;
    const f = routeFetch({
      'GET /api/auth/session': sessionWith(jwt(Date.now() + DAY)),
      'POST /backend/nf/create': json(400, fixture('error-sentinel-block')),
    });
    const s = createStack({ fetch: f.fetch, runInPage: async () => sentinelString('did-1', `c${++n}`) });
    const error = await s.client.createVideo({} as never).catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('sentinel');
    const tokens = f.calls
      .filter((c) => c.method === 'POST')
      .map((c) => JSON.parse(c.headers.get('openai-sentinel-token')!).c);
    expect(tokens).toEqual(['c1', 'c2']);
  });

  it('when the SDK cannot be had: sentinel_unavailable, and no page call during the cool-down', async () => {
    let now = 0;
    const s = createStack({ fetch: routeFetch({}).fetch, now: () => now, runInPage: async () => null });
    for (let i = 0; i < 5; i++) {
      const error = await s.sentinel.token().catch((e: unknown) => e);
      expect(isSoraError(error) && error.code).toBe('sentinel_unavailable');
    }
    expect(s.pageCalls.count).toBe(1);
    now += SENTINEL_COOLDOWN_MS;
    await s.sentinel.token().catch(() => undefined);
    expect(s.pageCalls.count).toBe(2);
  });

  it('a token without a device id is unusable', async () => {
    const s = createStack({ fetch: routeFetch({}).fetch, runInPage: async () => '{"flow":"x"}' });
    const error = await s.sentinel.token().catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('sentinel_unavailable');
  });
});
