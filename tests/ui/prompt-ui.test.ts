import { describe, expect, it } from 'vitest';
import { countdown } from '@/lib/ui/format';
import { promptTokens } from '@/lib/ui/prompt-tokens';
import { applyStyleCompletion, styleCompletion } from '@/lib/ui/style-complete';
import en from '@/public/_locales/en/messages.json';
import zh from '@/public/_locales/zh_CN/messages.json';

const POST = `s_${'ab'.repeat(16)}`;

describe('promptTokens', () => {
  it.each([
    [
      '{anime} A cat',
      [
        ['style', '{anime}'],
        ['text', ' A cat'],
      ],
    ],
    [
      '[5.0s]Door opens [2s]Enter',
      [
        ['shot', '[5.0s]'],
        ['text', 'Door opens '],
        ['shot', '[2s]'],
        ['text', 'Enter'],
      ],
    ],
    [
      `https://sora.chatgpt.com/p/${POST} make it snow`,
      [
        ['remix', `https://sora.chatgpt.com/p/${POST}`],
        ['text', ' make it snow'],
      ],
    ],
    [
      'A {{animal: cat | dog}}',
      [
        ['text', 'A '],
        ['template', '{{animal: cat | dog}}'],
      ],
    ],
    ['Escaped \\{anime} stays text', [['text', 'Escaped \\{anime} stays text']]],
  ])('%s', (text, expected) => {
    const tokens = promptTokens(text);
    expect(tokens.map((t) => [t.kind, t.text])).toEqual(expected);
    expect(tokens.map((t) => t.text).join('')).toBe(text);
  });
});

describe('styleCompletion', () => {
  const styles = ['anime', 'archival', 'retro', 'nostalgic'];
  it('completes the tag being typed, prefix matches first', () => {
    expect(styleCompletion('A cat {a', 8, styles)?.options).toEqual(['anime', 'archival', 'nostalgic']);
    expect(styleCompletion('{ret', 4, styles)).toEqual({ from: 0, to: 4, options: ['retro'] });
  });
  it.each([
    ['a closed tag', '{anime} x', 9],
    ['a template', '{{ani', 5],
    ['an escaped brace', '\\{ani', 5],
    ['a space after the brace', '{an x', 5],
    ['no match', '{zzz', 4],
  ])('offers nothing for %s', (_name, text, caret) => {
    expect(styleCompletion(text, caret, styles)).toBeNull();
  });
  it('replaces the typed part and any rest of the word, caret after the tag', () => {
    const completion = styleCompletion('{an} cat', 3, styles)!;
    expect(applyStyleCompletion('{an} cat', completion, 'anime')).toEqual({ text: '{anime} cat', caret: 7 });
  });
});

describe('countdown', () => {
  it('formats hours, minutes and seconds and stops at zero', () => {
    expect(countdown(3_725_000, 0)).toBe('1:02:05');
    expect(countdown(65_000, 0)).toBe('1:05');
    expect(countdown(0, 10_000)).toBe('0:00');
  });
});

describe('locales', () => {
  it('Simplified Chinese has every English message, with the same substitutions', () => {
    const subs = (m: string) => [...m.matchAll(/\$\d/g)].map((x) => x[0]).sort();
    for (const [key, value] of Object.entries(en)) {
      const other = (zh as Record<string, { message: string }>)[key];
      expect(other, key).toBeDefined();
      expect(subs(other!.message), key).toEqual(subs(value.message));
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
});
