import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { normalizeBaseUrl } from '@/lib/connections/base-url';
import { checkConnection } from '@/lib/connections/check';
import { createKeyRotation, keysState, nextKey } from '@/lib/connections/keys';
import {
  connectionOriginPattern,
  hasConnectionAccess,
  requestConnectionAccess,
} from '@/lib/connections/permissions';
import type { Connection } from '@/lib/connections/schema';
import {
  connectionsItem,
  createConnectionStore,
  localKeysItem,
  sessionKeysItem,
} from '@/lib/connections/store';
import { startTaskApiSim, startVideosApiSim } from '@/sim/backends';
import { simDeps } from './helpers';

let n = 0;
const store = () =>
  createConnectionStore({ now: () => 1_000, randomHex: () => (n++).toString(16).padStart(16, '0') });
beforeEach(() => {
  fakeBrowser.reset();
  n = 0;
});

const must = async (p: ReturnType<ReturnType<typeof store>['add']>): Promise<Connection> => {
  const out = await p;
  if (!out.ok) throw new Error(JSON.stringify(out.errors));
  return out.connection;
};

describe('base URL rules', () => {
  it.each([
    ['https://api.openai.com/v1/', 'https://api.openai.com/v1'],
    ['  https://res.openai.azure.com/openai/v1 ', 'https://res.openai.azure.com/openai/v1'],
    ['http://localhost:4000/v1', 'http://localhost:4000/v1'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
  ])('%s is kept as %s', (input, url) => expect(normalizeBaseUrl(input)).toEqual({ ok: true, url }));

  it.each([
    ['api.openai.com/v1', 'connectionUrlInvalid'],
    ['http://192.168.1.5:4000/v1', 'connectionUrlInsecure'],
    ['ftp://example.com', 'connectionUrlInsecure'],
    ['https://user:pw@example.com/v1', 'connectionUrlCredentials'],
    ['https://example.com/v1?key=sk-123', 'connectionUrlQuery'],
  ])('%s is refused (%s)', (input, messageKey) =>
    expect(normalizeBaseUrl(input)).toMatchObject({ ok: false, messageKey }),
  );
});

describe('the connection store', () => {
  it('saves the list without secrets, the keys apart, masked; removes both', async () => {
    const c = await must(
      store().add({
        kind: 'videos-api',
        baseUrl: 'https://gw.example/v1/',
        keys: 'sk-live-aaaaaaaa1111\n\nBearer sk-live-bbbbbbbb2222\nsk-live-aaaaaaaa1111',
        name: ' Gateway ',
      }),
    );
    expect(c).toMatchObject({
      baseUrl: 'https://gw.example/v1',
      name: 'Gateway',
      concurrency: 2,
      authHeader: 'bearer',
      keyStorage: 'local',
    });
    expect(c.keys.map((k) => k.masked)).toEqual(['sk-…1111', 'sk-…2222']);
    expect(JSON.stringify(await connectionsItem.getValue())).not.toContain('aaaaaaaa');
    expect(Object.values((await localKeysItem.getValue()) as object)).toEqual([
      'sk-live-aaaaaaaa1111',
      'sk-live-bbbbbbbb2222',
    ]);
    expect(await store().secretFor(c, c.keys[1]?.id ?? '')).toBe('sk-live-bbbbbbbb2222');
    await store().remove(c.id);
    expect(await connectionsItem.getValue()).toEqual([]);
    expect(await localKeysItem.getValue()).toEqual({});
  });

  it('"this browser session only" keeps the keys in storage.session, never storage.local', async () => {
    const c = await must(
      store().add({
        kind: 'task-api',
        baseUrl: 'https://api.sora2api.ai/api/v1/sora2',
        keys: 'tk-session-only-123',
        sessionOnly: true,
      }),
    );
    expect(c).toMatchObject({ keyStorage: 'session', concurrency: 3 });
    expect(await localKeysItem.getValue()).toEqual({});
    expect(Object.values((await sessionKeysItem.getValue()) as object)).toEqual(['tk-session-only-123']);
    await fakeBrowser.storage.session.clear(); // the browser closed
    expect(await store().secretFor(c, c.keys[0]?.id ?? '')).toBeNull();
  });

  it('bad input names each field and saves nothing', async () => {
    const out = await store().add({
      kind: 'task-api',
      baseUrl: 'http://example.com',
      keys: 'short\nok-key-123456',
      concurrency: 0,
      authHeader: 'api-key',
      name: 'x'.repeat(61),
    });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors.map((e) => e.field).sort()).toEqual([
      'authHeader',
      'baseUrl',
      'concurrency',
      'keys',
      'name',
    ]);
    expect(await connectionsItem.getValue()).toEqual([]);
    expect(await localKeysItem.getValue()).toEqual({});
  });

  it('a corrupt stored list is never reset by a write', async () => {
    await connectionsItem.setValue([{ id: 'nope' }]);
    await expect(
      store().add({ kind: 'videos-api', baseUrl: 'https://a.example/v1', keys: 'sk-12345678' }),
    ).rejects.toThrow(/could not be read/);
    expect(await connectionsItem.getValue()).toEqual([{ id: 'nope' }]);
  });

  it('keys rotate round robin; a set-aside key is skipped with its reason until restored', async () => {
    const s = store();
    const c = await must(
      s.add({
        kind: 'videos-api',
        baseUrl: 'https://a.example/v1',
        keys: 'sk-key-one-1111\nsk-key-two-2222\nsk-key-three-3333',
      }),
    );
    const [k1, k2, k3] = c.keys.map((k) => k.id);
    const rot = createKeyRotation();
    expect([rot.take(c), rot.take(c), rot.take(c), rot.take(c)].map((k) => k?.id)).toEqual([k1, k2, k3, k1]);
    const aside = await s.setAside(c.id, k2 ?? '', 'auth', 'The API key was refused (HTTP 401).');
    if (!aside) throw new Error('connection missing');
    expect(nextKey(aside, k1 ?? null)?.id).toBe(k3);
    expect(keysState(aside)).toEqual({ state: 'ready' });
    let all = aside;
    for (const id of [k1, k3])
      all = (await s.setAside(c.id, id ?? '', 'quota_exhausted', 'out of credits')) ?? all;
    expect(nextKey(all, null)).toBeNull();
    expect(keysState(all)).toEqual({
      state: 'error',
      reason: expect.stringMatching(/(?=.*refused)(?=.*out of credits)/),
    });
    expect((await s.restoreKey(c.id, k3 ?? ''))?.keys.find((k) => k.id === k3)?.setAside).toBeNull();
  });

  it('concurrency is a per-connection setting from 1 to 10', async () => {
    const s = store();
    const c = await must(s.add({ kind: 'videos-api', baseUrl: 'https://a.example/v1', keys: 'sk-12345678' }));
    expect((await s.setConcurrency(c.id, 5))?.concurrency).toBe(5);
    expect(() => s.setConcurrency(c.id, 11)).toThrow(RangeError);
  });
});

describe('host permission for the connection origin', () => {
  afterEach(() => vi.restoreAllMocks());
  it('asks for the origin without port, in the click', async () => {
    expect(connectionOriginPattern('http://localhost:4000/v1')).toBe('http://localhost/*');
    expect(connectionOriginPattern('https://res.openai.azure.com/openai/v1')).toBe(
      'https://res.openai.azure.com/*',
    );
    const request = vi.fn(async () => true);
    const contains = vi.fn(async () => false);
    Object.assign(fakeBrowser.permissions, { request, contains });
    expect(await requestConnectionAccess({ baseUrl: 'https://gw.example/v1' })).toBe(true);
    expect(request).toHaveBeenCalledWith({ origins: ['https://gw.example/*'] });
    expect(await hasConnectionAccess({ baseUrl: 'https://gw.example/v1' })).toBe(false);
  });
});

describe('Check: one cheap call, says what it found', () => {
  it('Videos API: lists models; no list → GET /videos; bad key → auth with the reason', async () => {
    const sim = await startVideosApiSim();
    try {
      const deps = { ...simDeps(sim), secretFor: store().secretFor };
      const c = await must(
        store().add({ kind: 'videos-api', baseUrl: sim.baseUrl, keys: 'sk-sim-videos-1' }),
      );
      expect(await checkConnection(c, deps)).toMatchObject({
        state: 'ready',
        models: ['sora-2', 'sora-2-pro'],
        detail: expect.stringContaining('2 model(s)'),
      });
      expect(sim.log.entries().map((e) => e.path)).toEqual(['/v1/models']);
      sim.set({ listModels: false });
      expect(await checkConnection(c, deps)).toMatchObject({
        state: 'ready',
        models: null,
        detail: expect.stringContaining('type the model name'),
      });
      sim.faults.revokeKey('sk-sim-videos-1');
      expect(await checkConnection(c, deps)).toMatchObject({
        state: 'error',
        code: 'auth',
        keyId: c.keys[0]?.id,
      });
    } finally {
      await sim.close();
    }
  });

  it('task API: a probe task proves key and address; a wrong base URL is said so', async () => {
    const sim = await startTaskApiSim();
    try {
      const deps = { ...simDeps(sim), secretFor: store().secretFor };
      const c = await must(store().add({ kind: 'task-api', baseUrl: sim.baseUrl, keys: 'tk-sim-task-1' }));
      expect(await checkConnection(c, deps)).toMatchObject({
        state: 'ready',
        detail: expect.stringContaining('accepted'),
      });
      const wrong = await must(
        store().add({
          kind: 'task-api',
          baseUrl: `${new URL(sim.baseUrl).origin}/v2`,
          keys: 'tk-sim-task-1',
        }),
      );
      expect(await checkConnection(wrong, deps)).toMatchObject({
        state: 'error',
        reason: expect.stringContaining('base URL'),
      });
      const bad = await must(store().add({ kind: 'task-api', baseUrl: sim.baseUrl, keys: 'tk-not-valid-9' }));
      expect(await checkConnection(bad, deps)).toMatchObject({ state: 'error', code: 'auth' });
      expect(sim.log.filter({ method: 'POST' })).toHaveLength(0); // a check never generates (or spends credits)
    } finally {
      await sim.close();
    }
  });
});
