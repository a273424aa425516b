import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { wakingAfterChanges } from '@/lib/background/handlers';
import { RPC_TAG } from '@/lib/rpc/contract';
import { handleRpc, isTrustedSender, type RpcHandlers } from '@/lib/rpc/server';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;
const PAGE = { id: ID, url: `${ORIGIN}/sidepanel.html` };

function handlers(): RpcHandlers {
  return {
    enqueue: vi.fn(async () => ({ ids: ['x'], rejected: [], warnings: [] })),
    cancel: vi.fn(async () => ({ changed: 1 })),
    retry: vi.fn(async () => ({ changed: 1 })),
    pauseAll: vi.fn(async () => ({ changed: 0 })),
    resumeAll: vi.fn(async () => ({ changed: 0 })),
    checkSession: vi.fn(async () => ({ state: 'signed-in' as const })),
    reorder: vi.fn(async () => ({ changed: 1 })),
    editJob: vi.fn(async () => ({ error: null })),
    bulk: vi.fn(async () => ({ changed: 1 })),
    undoRemove: vi.fn(async () => ({ restored: 0 })),
    importFile: vi.fn(async () => ({ ids: [], rejected: [], warnings: [] })),
    exportData: vi.fn(async () => ({ json: '{}' })),
    importData: vi.fn(async () => ({ added: 0, skipped: 0, rejected: [] })),
    enhancePrompt: vi.fn(async () => ({ text: 'x' })),
    styles: vi.fn(async () => ({ styles: [] })),
    accountInfo: vi.fn(async () => ({ plan: null, quota: null, slots: null })),
    mediaLink: vi.fn(async () => ({ url: 'https://videos.openai.com/x' })),
    redownload: vi.fn(async () => ({ downloadId: 1 })),
    libraryRefresh: vi.fn(async () => ({ scanId: 's', error: null })),
    backupStart: vi.fn(async () => ({ runId: 'r', error: null })),
    backupPause: vi.fn(async () => ({ changed: true })),
    backupResume: vi.fn(async () => ({ changed: true })),
    backupCancel: vi.fn(async () => ({ changed: true })),
    backupRetry: vi.fn(async () => ({ changed: 1 })),
    connectionAdd: vi.fn(async () => ({ ok: true as const, id: 'conn_0000000000000000' })),
    connectionRemove: vi.fn(async () => ({ removed: true })),
    connectionSetConcurrency: vi.fn(async () => ({ changed: true })),
    connectionCheck: vi.fn(async () => ({ ok: true, message: 'ok' })),
  };
}

const message = (method: string, params: unknown) => ({ tag: RPC_TAG, request: { method, params } });

describe('sender validation', () => {
  it.each([
    ['a content script on a web page', { id: ID, url: 'https://sora.chatgpt.com/explore', tab: { id: 1 } }],
    [
      'another extension',
      {
        id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz',
        url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/x.html',
      },
    ],
    ['a forged id with our url', { id: 'other', url: `${ORIGIN}/popup.html` }],
    ['no url', { id: ID }],
    ['a lookalike origin', { id: ID, url: `chrome-extension://${ID}.evil.com/x.html` }],
  ])('refuses %s', async (_name, sender) => {
    const h = handlers();
    const answer = await handleRpc(message('cancel', { ids: ['a'] }), sender, {
      extensionId: ID,
      extensionOrigin: ORIGIN,
      handlers: h,
    });
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: 'Sender not allowed.' } });
    expect(h.cancel).not.toHaveBeenCalled();
  });

  it('accepts our own pages, including the options page opened in a tab', () => {
    expect(isTrustedSender(PAGE, ID, ORIGIN)).toBe(true);
    expect(isTrustedSender({ ...PAGE, url: `${ORIGIN}/options.html`, tab: { id: 3 } }, ID, ORIGIN)).toBe(
      true,
    );
  });
});

describe('payload validation', () => {
  it('calls the handler with parsed params', async () => {
    const h = handlers();
    const answer = await handleRpc(message('cancel', { ids: ['a', 'b'] }), PAGE, {
      extensionId: ID,
      extensionOrigin: ORIGIN,
      handlers: h,
    });
    expect(answer).toEqual({ ok: true, result: { changed: 1 } });
    expect(h.cancel).toHaveBeenCalledWith({ ids: ['a', 'b'] });
  });

  it('ignores messages that are not ours, so other listeners may answer', async () => {
    expect(
      await handleRpc({ hello: 1 }, PAGE, { extensionId: ID, extensionOrigin: ORIGIN, handlers: handlers() }),
    ).toBeUndefined();
  });

  it('turns a handler failure into a coded answer', async () => {
    const h = handlers();
    h.retry = vi.fn(async () => {
      throw Object.assign(new Error('Nope'), { code: 'conflict' });
    });
    const answer = await handleRpc(message('retry', { ids: ['a'] }), PAGE, {
      extensionId: ID,
      extensionOrigin: ORIGIN,
      handlers: h,
    });
    expect(answer).toEqual({ ok: false, error: { code: 'conflict', message: 'Nope' } });
  });

  it('rejects fuzzed payloads without throwing and without calling any handler', async () => {
    const h = handlers();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('enqueue', 'cancel', 'retry', 'pauseAll', 'nope'),
        fc.anything(),
        async (method, params) => {
          const valid =
            method === 'pauseAll' &&
            typeof params === 'object' &&
            params !== null &&
            !Array.isArray(params) &&
            Object.keys(params).length === 0;
          const answer = await handleRpc(message(method, params), PAGE, {
            extensionId: ID,
            extensionOrigin: ORIGIN,
            handlers: h,
          });
          expect(answer).toBeDefined();
          if (!valid && method !== 'cancel' && method !== 'retry' && method !== 'enqueue')
            expect(answer!.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
    expect(h.enqueue).not.toHaveBeenCalled();
  });
});

describe('the loops wake after every change, with no handler remembering it', () => {
  it('every method but the reads kicks once after it answers (also when it throws); reads never do', async () => {
    const kick = vi.fn(async () => undefined);
    const base = handlers();
    base.cancel = vi.fn(async () => {
      throw new Error('nope');
    });
    const wrapped = wakingAfterChanges(base, kick);
    const reads = ['styles', 'accountInfo', 'mediaLink', 'exportData', 'enhancePrompt'];
    for (const method of Object.keys(base) as (keyof typeof base)[]) {
      kick.mockClear();
      const call = (wrapped[method] as (p: unknown) => Promise<unknown>)({});
      await call.catch(() => undefined);
      expect(kick, method).toHaveBeenCalledTimes(reads.includes(method) ? 0 : 1);
    }
    expect(base.cancel).toHaveBeenCalled();
  });
});
