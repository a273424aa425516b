import { describe, expect, it } from 'vitest';
import { isPromptError, MODEL_NAMES, MODEL_SPECS, parseModelName } from '../../lib/prompt';

// docs/backend-facts.md §4.2 and the seed README's model tables, one row per model name.
const VIDEO: [string, 'sy_8' | 'sy_ore', 'landscape' | 'portrait', 'small' | 'large', number, boolean][] = [
  ['sora2-landscape-10s', 'sy_8', 'landscape', 'small', 300, false],
  ['sora2-landscape-15s', 'sy_8', 'landscape', 'small', 450, false],
  ['sora2-landscape-25s', 'sy_8', 'landscape', 'small', 750, true],
  ['sora2-portrait-10s', 'sy_8', 'portrait', 'small', 300, false],
  ['sora2-portrait-15s', 'sy_8', 'portrait', 'small', 450, false],
  ['sora2-portrait-25s', 'sy_8', 'portrait', 'small', 750, true],
  ['sora2pro-landscape-10s', 'sy_ore', 'landscape', 'small', 300, true],
  ['sora2pro-landscape-15s', 'sy_ore', 'landscape', 'small', 450, true],
  ['sora2pro-landscape-25s', 'sy_ore', 'landscape', 'small', 750, true],
  ['sora2pro-portrait-10s', 'sy_ore', 'portrait', 'small', 300, true],
  ['sora2pro-portrait-15s', 'sy_ore', 'portrait', 'small', 450, true],
  ['sora2pro-portrait-25s', 'sy_ore', 'portrait', 'small', 750, true],
  ['sora2pro-hd-landscape-10s', 'sy_ore', 'landscape', 'large', 300, true],
  ['sora2pro-hd-landscape-15s', 'sy_ore', 'landscape', 'large', 450, true],
  ['sora2pro-hd-portrait-10s', 'sy_ore', 'portrait', 'large', 300, true],
  ['sora2pro-hd-portrait-15s', 'sy_ore', 'portrait', 'large', 450, true],
];
const IMAGE: [string, number, number][] = [
  ['gpt-image', 360, 360],
  ['gpt-image-landscape', 540, 360],
  ['gpt-image-portrait', 360, 540],
];
const ENHANCE: [string, 'short' | 'medium' | 'long', number][] = (
  ['short', 'medium', 'long'] as const
).flatMap((level) =>
  [10, 15, 20].map((d): [string, 'short' | 'medium' | 'long', number] => [
    `prompt-enhance-${level}-${d}s`,
    level,
    d,
  ]),
);

describe('model names', () => {
  it.each(VIDEO)(
    '%s → %s %s %s %i frames, pro=%s',
    (name, backendModel, orientation, size, nFrames, requiresPro) => {
      expect(parseModelName(name)).toMatchObject({
        kind: 'video',
        name,
        backendModel,
        orientation,
        size,
        nFrames,
        requiresPro,
      });
    },
  );
  it.each(IMAGE)('%s → %ix%i', (name, width, height) => {
    expect(parseModelName(name)).toMatchObject({ kind: 'image', name, width, height });
  });
  it.each(ENHANCE)('%s → %s %i s', (name, level, durationS) => {
    expect(parseModelName(name)).toMatchObject({ kind: 'enhance', name, level, durationS });
  });

  it('lists exactly the seed models, each in MODEL_SPECS', () => {
    const all = [...VIDEO.map((v) => v[0]), ...IMAGE.map((v) => v[0]), ...ENHANCE.map((v) => v[0])];
    expect([...MODEL_NAMES].sort()).toEqual(all.sort());
    for (const name of MODEL_NAMES) expect(MODEL_SPECS[name].name).toBe(name);
  });

  it('costs video gens as in docs/backend-facts.md §4.2', () => {
    expect(parseModelName('sora2-landscape-25s')).toMatchObject({ gens: 3 });
    expect(parseModelName('sora2pro-portrait-25s')).toMatchObject({ gens: 12 });
    expect(parseModelName('sora2pro-hd-landscape-15s')).toMatchObject({ gens: 10 });
  });

  it('is case- and space-tolerant', () => {
    expect(parseModelName('  SORA2-Landscape-10s ').name).toBe('sora2-landscape-10s');
  });

  it.each([
    ['sora2-landscape-20s', 'sora2-landscape-25s'],
    ['sora2-landscap-10s', 'sora2-landscape-10s'],
    ['gpt-imag', 'gpt-image'],
    ['sora2pro-hd-landscape-25s', 'sora2pro-hd-landscape-15s'],
  ])('rejects %s and suggests %s', (name, suggestion) => {
    try {
      parseModelName(name);
      expect.unreachable();
    } catch (error) {
      expect(isPromptError(error) && error.code).toBe('unknown_model');
      expect((error as Error).message).toContain(`"${suggestion}"`);
    }
  });

  it('rejects an empty name', () => {
    expect(() => parseModelName('')).toThrow(/No model given/);
  });
});
