import { describe, expect, it } from 'vitest';
import {
  base64DecodedBytes,
  countTemplate,
  expandTemplate,
  formatStoryboard,
  isPromptError,
  parseMediaUrl,
  parsePrompt,
  parseStoryboard,
  storyboardSource,
  verifyStyle,
} from '../../lib/prompt';
import { fails, LIVE, ok, SIGNED_OUT } from './helpers';

const ID = 's_68e3a06dcd888191b150971da152c1f5';
const v = (text: string, extra: object = {}): ReturnType<typeof ok> =>
  ok(parsePrompt(text, { model: 'sora2-portrait-15s', styles: LIVE, ...extra }));

describe('styles', () => {
  it('takes ids from the live list, case-insensitively, anywhere, without warnings', () => {
    expect(v('a cat {High_Def} on a roof')).toEqual(expect.objectContaining({ warnings: [] }));
    expect(v('a cat {High_Def} on a roof').request).toMatchObject({
      styleId: 'high_def',
      prompt: 'a cat on a roof',
    });
    expect(v('a cat { kpop }').request).toMatchObject({ styleId: 'kpop' });
  });
  it('leaves braces with spaces and escaped braces as text', () => {
    expect(v('say {hello world} now').request).toMatchObject({
      styleId: null,
      prompt: 'say {hello world} now',
    });
    expect(v('a sign reading \\{anme\\}').request).toMatchObject({
      styleId: null,
      prompt: 'a sign reading {anme}',
    });
  });
  it('accepts a style column and the same tag', () => {
    expect(v('{kpop} dance', { style: 'kpop' }).request).toMatchObject({ styleId: 'kpop', prompt: 'dance' });
  });
  it('verifyStyle re-checks a fallback style at submit', () => {
    expect(verifyStyle('anime', ['anime'])).toBeNull();
    expect(verifyStyle('retro', ['retro2'])).toMatch(/Did you mean "retro2"/);
  });
});

describe('remix', () => {
  it.each([
    `${ID} make it blue`,
    `make it https://sora.chatgpt.com/p/${ID} blue`,
    `make it sora.chatgpt.com/p/${ID}?psh=HXVzZXItNkw blue`,
    `make it http://www.sora.chatgpt.com/p/${ID.toUpperCase().replace('S_', 's_')} blue`,
  ])('finds the target in %s', (text) => {
    expect(v(text).request).toMatchObject({
      remixTargetId: ID,
      prompt: expect.stringMatching(/^make it blue$/),
    });
  });
  it('accepts the same id twice', () => {
    expect(v(`${ID} again https://sora.chatgpt.com/p/${ID} bluer`).request).toMatchObject({
      remixTargetId: ID,
    });
  });
  it('ignores s_ ids embedded in longer words', () => {
    expect(v(`file_${ID.slice(2)}x`).request).toMatchObject({ remixTargetId: null });
  });
  it.each([
    'https://sora.chatgpt.com/d/gen_01m80f17fsn4j7ypkw53rhj9qf make it blue',
    'make it gen_01m80f17fsn4j7ypkw53rhj9qf blue',
  ])('takes a draft (generation id or draft link) as the target: %s', (text) => {
    expect(v(text).request).toMatchObject({
      remixTargetId: 'gen_01m80f17fsn4j7ypkw53rhj9qf',
      prompt: 'make it blue',
    });
  });
});

describe('storyboards', () => {
  it('keeps the model when shots fit and uses instructions (SHC format)', () => {
    const { request, warnings } = v('Ink style throughout. [5s]A fox wakes [7.5s]It runs');
    expect(warnings).toEqual([]);
    expect(request).toMatchObject({
      model: 'sora2-portrait-15s',
      params: { durationS: 15 },
      prompt:
        'current timeline:\nShot 1:\nduration: 5.0sec\nScene: A fox wakes\n\nShot 2:\nduration: 7.5sec\nScene: It runs\n\ninstructions:\nInk style throughout.',
    });
  });
  it('moves a Pro model up within its family, and HD up to 15 s', () => {
    expect(
      ok(parsePrompt('[6s]a [6s]b', { model: 'sora2pro-hd-portrait-10s', styles: SIGNED_OUT })).request,
    ).toMatchObject({
      model: 'sora2pro-hd-portrait-15s',
      params: { aspect: 'portrait', durationS: 15, quality: 'high' },
    });
  });
  it('adds decimal shots exactly', () => {
    expect(v('[0.1s]a [0.2s]b [9.7s]c', { model: 'sora2-portrait-10s' }).warnings).toEqual([]);
  });
  it('extracts style and keeps images with a storyboard', () => {
    const image = parseMediaUrl('https://x.test/a.webp', 'image');
    expect(v('{anime}[5s]a [5s]b', { images: [image] }).request).toMatchObject({
      styleId: 'anime',
      images: [image],
    });
  });
  it('parses the backend format back, and the source format round-trips', () => {
    const board = parseStoryboard('intro [5s]a \\[b\\] [2.25s]c');
    expect(board).toEqual({
      shots: [
        { durationS: 5, text: 'a [b]' },
        { durationS: 2.25, text: 'c' },
      ],
      instructions: 'intro',
    });
    expect(parseStoryboard(formatStoryboard(board.shots, board.instructions))).toEqual(board);
    expect(storyboardSource(board.shots, board.instructions)).toBe('intro\n[5.0s]a \\[b\\]\n[2.25s]c');
    expect(parseStoryboard(storyboardSource(board.shots, board.instructions))).toEqual(board);
  });
  it('says so when there are no shots', () => {
    expect(() => parseStoryboard('just words')).toThrow(/No storyboard shots/);
  });
});

describe('media', () => {
  it('estimates decoded size from base64 length with padding', () => {
    expect(base64DecodedBytes('QUJD')).toBe(3);
    expect(base64DecodedBytes('QUI=')).toBe(2);
    expect(base64DecodedBytes('QQ==\n')).toBe(1);
  });
  it('normalises image/jpg and reads link extensions', () => {
    expect(parseMediaUrl('data:image/jpg;base64,QUJD', 'image')).toEqual({
      source: 'data',
      url: 'data:image/jpg;base64,QUJD',
      mime: 'image/jpeg',
      approxBytes: 3,
    });
    expect(parseMediaUrl('https://x.test/clip.MOV?sig=1', 'video').mime).toBe('video/quicktime');
    expect(parseMediaUrl('https://cdn.test/abc', 'image').mime).toBe('image/*');
  });
  it('checks a 100 MB video without decoding it quickly', () => {
    // .trim() flattens the concatenated test string first, as JSON.parse or FileReader strings already are.
    const big = `data:video/mp4;base64,${'A'.repeat(133_000_000)}`.trim();
    const t = performance.now();
    expect(parseMediaUrl(big, 'video').approxBytes).toBe(99_750_000);
    expect(performance.now() - t).toBeLessThan(50);
  });
});

describe('templates', () => {
  it('expands a matrix, first variable slowest, with reuse', () => {
    const text = 'A {{animal: cat | dog}} in {{place: snow | rain | fog}}; the {{animal}} smiles';
    expect(countTemplate(text)).toBe(6);
    expect(expandTemplate(text)).toEqual([
      'A cat in snow; the cat smiles',
      'A cat in rain; the cat smiles',
      'A cat in fog; the cat smiles',
      'A dog in snow; the dog smiles',
      'A dog in rain; the dog smiles',
      'A dog in fog; the dog smiles',
    ]);
  });
  it('holds style tags and shots in values, and keeps escapes for the prompt parser', () => {
    const prompts = expandTemplate('{{look: {anime} | {kpop}}}[5s]a \\| b {{n: 1|2}}');
    expect(prompts).toEqual([
      '{anime}[5s]a \\| b 1',
      '{anime}[5s]a \\| b 2',
      '{kpop}[5s]a \\| b 1',
      '{kpop}[5s]a \\| b 2',
    ]);
    expect(v(prompts[0] ?? '').request).toMatchObject({
      styleId: 'anime',
      storyboard: { shots: [{ text: 'a | b 1' }] },
    });
  });
  it('plain text is one prompt', () => {
    expect(countTemplate('no template {anime} here')).toBe(1);
    expect(expandTemplate('a \\{{x: y}}')).toEqual(['a \\{{x: y}}']);
  });
  it('caps the count, naming it', () => {
    const text = '{{a: 1|2|3|4|5|6|7|8|9|10}} {{b: 1|2|3|4|5|6|7|8|9|10}} {{c: 1|2|3|4|5|6}}';
    expect(countTemplate(text)).toBe(600);
    expect(() => expandTemplate(text)).toThrow(
      'This template makes 600 prompts (10 × 10 × 6); the limit is 500',
    );
    expect(expandTemplate(text, { cap: 600 })).toHaveLength(600);
  });
  it.each([
    ['{{animal: cat', /not closed/],
    ['{{animal}} {{animal: cat}}', /used before it is defined/],
    ['{{a: x}} {{a: y}}', /defined twice/],
    ['{{a: {{b: c}} }}', /nested/],
    ['{{a red cat}}', /is not a template/],
    ['{{a: | }}', /no values/],
  ])('rejects %s', (text, message) => {
    try {
      countTemplate(text);
      expect.unreachable();
    } catch (error) {
      expect(isPromptError(error) && error.code).toBe('bad_template');
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('enhance and image prompts', () => {
  it('enhance keeps tags as text', () => {
    expect(
      ok(parsePrompt('{anime} [5s] kitten', { model: 'prompt-enhance-short-20s', styles: SIGNED_OUT }))
        .request,
    ).toMatchObject({
      prompt: '{anime} [5s] kitten',
      durationS: 20,
    });
  });
  it('image prompt keeps paragraphs but collapses spaces', () => {
    expect(
      ok(parsePrompt('  a   cat\n\n\n\nsecond  para ', { model: 'gpt-image-landscape', styles: SIGNED_OUT }))
        .request,
    ).toMatchObject({
      prompt: 'a cat\n\nsecond para',
      width: 540,
      height: 360,
    });
  });
  it('empty enhance is an error', () => {
    fails(parsePrompt(' ', { model: 'prompt-enhance-short-20s', styles: SIGNED_OUT }), 'empty_prompt');
  });
});
