import { describe, expect, it } from 'vitest';
import { AppError, errorCode, errorMessage } from '@/lib/errors';
import { isCharacterOnly } from '@/lib/prompt/character';
import { RPC_TAG } from '@/lib/rpc/contract';
import { handleRpc, type RpcHandlers } from '@/lib/rpc/server';
import { isSoraMediaUrl, planRefusal } from '@/lib/sora/declared';

describe('AppError and the helpers for anything thrown', () => {
  it('carries a code, a message and the cause it wraps', () => {
    const cause = new Error('zod said no');
    const error = new AppError('bad_file', 'Not a Sora Companion export.', { cause });
    expect(error).toBeInstanceOf(Error);
    expect([error.name, error.code, error.message, error.cause]).toEqual([
      'AppError',
      'bad_file',
      'Not a Sora Companion export.',
      cause,
    ]);
  });

  it.each([
    ['an Error', new Error('boom'), 'boom', 'internal'],
    ['an AppError', new AppError('not_found', 'gone'), 'gone', 'not_found'],
    ['a string', 'plain text', 'plain text', 'internal'],
    ['null', null, 'null', 'internal'],
    ['an object with a code', { code: 'conflict' }, '[object Object]', 'conflict'],
  ])('%s: message and code', (_name, thrown, message, code) => {
    expect(errorMessage(thrown)).toBe(message);
    expect(errorCode(thrown)).toBe(code);
  });

  it('crosses the RPC boundary as {code, message}', async () => {
    const handlers = {
      mediaLink: async () => {
        throw new AppError('not_found', 'This job has no finished file.');
      },
    } as unknown as RpcHandlers;
    const origin = 'chrome-extension://abc';
    const answer = await handleRpc(
      { tag: RPC_TAG, request: { method: 'mediaLink', params: { id: 'j1' } } },
      { id: 'abc', url: `${origin}/sidepanel.html` },
      { extensionId: 'abc', extensionOrigin: origin, handlers },
    );
    expect(answer).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'This job has no finished file.' },
    });
  });
});

describe('rules kept in one place', () => {
  it.each([
    ['a video alone', { text: '  ', imageCount: 0, hasVideo: true }, true],
    ['a video and a prompt', { text: 'dance', imageCount: 0, hasVideo: true }, false],
    ['a video and an image', { text: '', imageCount: 1, hasVideo: true }, false],
    ['no video', { text: '', imageCount: 0, hasVideo: false }, false],
  ])('isCharacterOnly: %s → %s', (_name, entry, expected) => {
    expect(isCharacterOnly(entry)).toBe(expected);
  });

  it('planRefusal: a Pro request on another known plan is refused, with the plan named', () => {
    const pro = { kind: 'video', model: 'sora2pro-landscape-10s', requiresPro: true };
    expect(planRefusal(pro, 'chatgpt_plus')).toBe(
      'sora2pro-landscape-10s needs a ChatGPT Pro plan; this account has plus.',
    );
    expect(planRefusal(pro, 'chatgpt_pro')).toBeNull();
    expect(planRefusal(pro, null)).toBeNull(); // unknown plan: the backend has the last word
    expect(planRefusal({ ...pro, requiresPro: false }, 'chatgpt_free')).toBeNull();
    expect(planRefusal({ kind: 'image', model: 'gpt-image' }, 'chatgpt_free')).toBeNull();
  });

  it.each([
    ['https://videos.openai.com/az/files/x%2Fraw?se=1', true],
    ['HTTPS://VIDEOS.OPENAI.COM/x', true],
    ['http://videos.openai.com/x', false],
    ['https://videos.openai.com.evil.example/x', false],
    ['https://evil.example/?u=https://videos.openai.com/', false],
    ['not a url', false],
  ])('isSoraMediaUrl(%s) → %s', (url, expected) => {
    expect(isSoraMediaUrl(url)).toBe(expected);
  });
});
