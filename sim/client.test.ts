import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimFetch } from './client';
import { CookieJar } from './cookie-jar';
import { startSim } from './server';
import type { Sim } from './types';

describe('CookieJar', () => {
  it('scopes Domain cookies to subdomains and host-only cookies to their host', () => {
    const jar = new CookieJar();
    jar.setCookie('a=1; Domain=.chatgpt.com; Path=/; Secure', 'https://sora.chatgpt.com/x');
    jar.setCookie('b=2; Path=/', 'https://sora.chatgpt.com/x');
    expect(jar.header('https://chatgpt.com/')).toBe('a=1');
    expect(jar.header('https://sora.chatgpt.com/')).toBe('a=1; b=2');
    expect(jar.header('https://videos.openai.com/')).toBe('');
  });

  it('refuses foreign domains, honours Path, Max-Age, Expires and deletion', () => {
    const jar = new CookieJar();
    const now = 1_000_000;
    jar.setCookie('evil=1; Domain=openai.com', 'https://sora.chatgpt.com/', now);
    jar.setCookie('p=1; Path=/backend', 'https://sora.chatgpt.com/', now);
    jar.setCookie('m=1; Max-Age=10', 'https://sora.chatgpt.com/', now);
    jar.setCookie('e=1; Expires=Thu, 01 Jan 2099 00:00:00 GMT', 'https://sora.chatgpt.com/', now);
    expect(jar.header('https://sora.chatgpt.com/', now)).toBe('m=1; e=1');
    expect(jar.header('https://sora.chatgpt.com/backend/x', now)).toBe('p=1; m=1; e=1');
    expect(jar.header('https://sora.chatgpt.com/backendx', now)).toBe('m=1; e=1');
    expect(jar.header('https://sora.chatgpt.com/', now + 11_000)).toBe('e=1');
    jar.setCookie('e=; Max-Age=0', 'https://sora.chatgpt.com/', now);
    expect(jar.get('https://sora.chatgpt.com/', 'e')).toBeUndefined();
  });
});

describe('createSimFetch', () => {
  let sim: Sim;
  beforeEach(async () => {
    sim = await startSim();
  });
  afterEach(() => sim.close());

  it('follows redirects by default, keeping cookies set on the way', async () => {
    const f = createSimFetch(sim);
    const res = await f('https://sora.chatgpt.com/__sim/login');
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(res.url).toBe('https://sora.chatgpt.com/explore');
    expect(await res.text()).not.toContain('Log in');
    await expect(f('https://sora.chatgpt.com/__sim/login', { redirect: 'error' })).rejects.toThrow(TypeError);
  });

  it('credentials: omit sends and stores no cookies', async () => {
    const f = createSimFetch(sim);
    await f('https://sora.chatgpt.com/__sim/login', { credentials: 'omit', redirect: 'manual' });
    expect(f.jar.all()).toHaveLength(0);
  });

  it('rejects hosts the sim does not serve, and an already-aborted signal', async () => {
    const f = createSimFetch(sim);
    await expect(f('https://example.com/')).rejects.toThrow(TypeError);
    await expect(f('https://sora.chatgpt.com/', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('trusts only the sim certificate', async () => {
    const other = await startSim();
    try {
      const wrong = createSimFetch({ port: sim.port, hosts: sim.hosts, certPem: other.certPem });
      await expect(wrong('https://sora.chatgpt.com/')).rejects.toThrow(TypeError);
    } finally {
      await other.close();
    }
  });

  it('HEAD returns headers without a body', async () => {
    const res = await createSimFetch(sim)('https://sora.chatgpt.com/explore', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
