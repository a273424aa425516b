import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { RPC_TAG, RpcRequestSchema } from '@/lib/rpc/contract';
import { handleRpc, isTrustedSender, type RpcHandlers, type SenderLike } from '@/lib/rpc/server';
import { standInForMissingEvents } from '../helpers/background-events';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const PAGE: SenderLike = { id: ID, url: `${ORIGIN}/sidepanel.html` };
const METHODS = RpcRequestSchema.def.options.map((o) => o.shape.method.def.values[0]!);

/** Every handler answers `{}`; calls are counted. */
function handlers(): { handlers: RpcHandlers; calls: () => number } {
  const spy = vi.fn(async () => ({}));
  const all = Object.fromEntries(METHODS.map((m) => [m, spy])) as unknown as RpcHandlers;
  return { handlers: all, calls: () => spy.mock.calls.length };
}

const env = (h: RpcHandlers) => ({ extensionId: ID, extensionOrigin: ORIGIN, handlers: h });
const message = (method: unknown, params: unknown) => ({ tag: RPC_TAG, request: { method, params } });

describe('senders: only this extension’s own pages and worker', () => {
  it('a fuzzed sender is trusted exactly when its id is ours and its URL is on our origin', () => {
    const ids = fc.oneof(
      fc.constant(ID),
      fc.constant(undefined),
      fc.string(),
      fc.constant('zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'),
    );
    const urls = fc.oneof(
      fc.constant(undefined),
      fc.webUrl(),
      fc.constantFrom(
        `${ORIGIN}/popup.html`,
        `${ORIGIN}/background.js`,
        `${ORIGIN}.evil.com/x.html`,
        `chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html`,
        `CHROME-EXTENSION://${ID.toUpperCase()}/x.html`,
        `chrome-extension://${ID}@evil.com/x.html`,
        `https://${ID}/x.html`,
        'javascript:alert(1)',
        'data:text/html,hi',
        'about:blank',
        '',
      ),
      fc.string().map((path) => `${ORIGIN}/${path}`),
    );
    fc.assert(
      fc.property(ids, urls, fc.option(fc.record({ id: fc.nat() })), (id, url, tab) => {
        const sender: SenderLike = { id, url, ...(tab ? { tab } : {}) };
        let expected = false;
        try {
          const parsed = url === undefined ? null : new URL(url);
          expected = id === ID && parsed !== null && `${parsed.protocol}//${parsed.host}` === ORIGIN;
        } catch {
          expected = false;
        }
        expect(isTrustedSender(sender, ID, ORIGIN)).toBe(expected);
      }),
      { numRuns: 2_000 },
    );
  });

  it('no handler runs for a forged sender, whatever the payload', async () => {
    const h = handlers();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), fc.anything(), async (method, params) => {
        const forged = { id: ID, url: 'https://sora.chatgpt.com/explore', tab: { id: 3 }, frameId: 0 };
        const answer = await handleRpc(message(method, params), forged, env(h.handlers));
        expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: 'Sender not allowed.' } });
      }),
      { numRuns: 300 },
    );
    expect(h.calls()).toBe(0);
  });
});

describe('payloads: parsed with zod before any handler sees them', () => {
  it('any message: never throws; a handler runs only for a payload the schema accepts', async () => {
    const h = handlers();
    const payload = fc.oneof(
      fc.anything(),
      fc.record({ tag: fc.constant(RPC_TAG), request: fc.anything() }),
      fc
        .tuple(fc.constantFrom(...METHODS, 'constructor', '__proto__', 'toString'), fc.anything())
        .map(([method, params]) => message(method, params)),
      fc
        .tuple(fc.constantFrom(...METHODS), fc.jsonValue())
        .map(([method, params]) => message(method, params)),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (raw) => {
        const before = h.calls();
        const answer = await handleRpc(raw, PAGE, env(h.handlers));
        const envelope =
          typeof raw === 'object' && raw !== null && (raw as { tag?: unknown }).tag === RPC_TAG;
        if (!envelope) {
          expect(answer).toBeUndefined();
          return;
        }
        const valid = RpcRequestSchema.safeParse((raw as { request: unknown }).request).success;
        expect(h.calls() - before).toBe(valid ? 1 : 0);
        expect(answer?.ok).toBe(valid);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a JSON payload with __proto__ keys pollutes nothing', async () => {
    const h = handlers();
    const raw = JSON.parse(
      `{"tag":"${RPC_TAG}","request":{"method":"cancel","params":{"ids":["a"],"__proto__":{"polluted":true}}},"__proto__":{"polluted":true}}`,
    ) as unknown;
    await handleRpc(raw, PAGE, env(h.handlers));
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'nope'],
    ['an object without message', { code: 42 }],
    ['an Error with a code', Object.assign(new Error('Nope'), { code: 'conflict' })],
  ])('a handler throwing %s becomes an {ok:false} answer, never a rejection', async (_name, thrown) => {
    const h = handlers();
    h.handlers.pauseAll = async () => {
      throw thrown;
    };
    const answer = await handleRpc(message('pauseAll', {}), PAGE, env(h.handlers));
    expect(answer?.ok).toBe(false);
    expect(typeof (answer as { error: { message: unknown } }).error.message).toBe('string');
  });
});

describe('the background listens on no outside channel', () => {
  beforeEach(() => fakeBrowser.reset());

  it('registers runtime.onMessage and the wake port only: no onMessageExternal or onConnectExternal', async () => {
    const { connect: onConnect } = standInForMissingEvents();
    const outside = {
      onMessageExternal: vi.spyOn(fakeBrowser.runtime.onMessageExternal, 'addListener'),
      onConnectExternal: vi.spyOn(fakeBrowser.runtime.onConnectExternal, 'addListener'),
    };
    // The wake port (lib/rpc/wake.ts) refuses every sender but our own pages; tests/rpc/wake.test.ts.
    const onMessage = vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener');
    const { default: background } = await import('@/entrypoints/background');
    background.main();
    expect(onMessage).toHaveBeenCalledTimes(1);
    expect(onConnect).toHaveBeenCalledTimes(1);
    for (const [name, spy] of Object.entries(outside)) expect(spy, name).not.toHaveBeenCalled();
  });
});
