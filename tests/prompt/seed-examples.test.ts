import { describe, expect, it } from 'vitest';
import { parseChatContent, parseJsonl } from '../../lib/prompt';
import { dataUrl, ok, SIGNED_OUT } from './helpers';

const PNG = dataUrl('image/png', 3000);
const MP4 = dataUrl('video/mp4', 30000);
const REMIX = 'https://sora.chatgpt.com/p/s_68e3a06dcd888191b150971da152c1f5';
const REMIX_ID = 's_68e3a06dcd888191b150971da152c1f5';
const opts = { styles: SIGNED_OUT } as const;

/** Every request body of the seed README (docs/backend-facts.md §14), as `{model, messages, stream}`. */
const SEED: Record<string, { model: string; content: unknown }> = {
  textToImage: { model: 'gpt-image', content: 'A cute little kitten' },
  imageToImage: {
    model: 'gpt-image',
    content: [
      { type: 'text', text: 'Turn this picture into an oil painting style' },
      { type: 'image_url', image_url: { url: PNG } },
    ],
  },
  enhanceStreaming: { model: 'prompt-enhance-medium-10s', content: 'kitten' },
  enhanceNonStreaming: {
    model: 'prompt-enhance-long-15s',
    content: 'An orange cat playing on the windowsill',
  },
  textToVideo: { model: 'sora2-landscape-10s', content: 'A kitten running across a meadow' },
  imageToVideo: {
    model: 'sora2-landscape-10s',
    content: [
      { type: 'text', text: 'Let this cat dance' },
      { type: 'image_url', image_url: { url: PNG } },
    ],
  },
  remix: { model: 'sora2-landscape-10s', content: `${REMIX} convert it into an ink-wash style` },
  storyboardInline: {
    model: 'sora2-landscape-10s',
    content: '[5.0s]A cat skydives from a plane [5.0s]The cat lands [10.0s]The cat runs through a field',
  },
  storyboardLines: {
    model: 'sora2-landscape-10s',
    content: '[5.0s]A cat skydives from a plane\n[5.0s]The cat lands\n[10.0s]The cat runs through a field',
  },
  anime: { model: 'sora2-landscape-10s', content: '{anime}A kitten running across a meadow' },
  retro: { model: 'sora2-landscape-10s', content: '{retro}City street at night' },
  styleRemix: { model: 'sora2-landscape-10s', content: `{comic}${REMIX} convert to comic style` },
  characterOnly: { model: 'sora2-landscape-10s', content: [{ type: 'video_url', video_url: { url: MP4 } }] },
  characterThenVideo: {
    model: 'sora2-landscape-10s',
    content: [
      { type: 'video_url', video_url: { url: MP4 } },
      { type: 'text', text: 'Make the character perform a dance move' },
    ],
  },
};

function parse(key: string): ReturnType<typeof ok> {
  const example = SEED[key];
  if (!example) throw new Error(key);
  return ok(parseChatContent(example.content, { ...opts, model: example.model }));
}

const STORYBOARD =
  'Shot 1:\nduration: 5.0sec\nScene: A cat skydives from a plane\n\nShot 2:\nduration: 5.0sec\nScene: The cat lands\n\nShot 3:\nduration: 10.0sec\nScene: The cat runs through a field';

describe('seed README examples', () => {
  it('text-to-image', () => {
    expect(parse('textToImage').request).toEqual({
      kind: 'image',
      model: 'gpt-image',
      prompt: 'A cute little kitten',
      width: 360,
      height: 360,
      images: [],
    });
  });

  it('image-to-image', () => {
    const { request } = parse('imageToImage');
    expect(request).toMatchObject({ kind: 'image', prompt: 'Turn this picture into an oil painting style' });
    expect(request.kind === 'image' && request.images).toEqual([
      { source: 'data', url: PNG, mime: 'image/png', approxBytes: 3000 },
    ]);
  });

  it('prompt enhancement', () => {
    expect(parse('enhanceStreaming').request).toEqual({
      kind: 'enhance',
      model: 'prompt-enhance-medium-10s',
      prompt: 'kitten',
      level: 'medium',
      durationS: 10,
    });
    expect(parse('enhanceNonStreaming').request).toMatchObject({ level: 'long', durationS: 15 });
  });

  it('text-to-video', () => {
    expect(parse('textToVideo')).toEqual({
      request: {
        kind: 'video',
        model: 'sora2-landscape-10s',
        prompt: 'A kitten running across a meadow',
        params: { aspect: 'landscape', durationS: 10, quality: 'standard' },
        styleId: null,
        remixTargetId: null,
        storyboard: null,
        images: [],
        characterVideo: null,
      },
      warnings: [],
    });
  });

  it('image-to-video', () => {
    expect(parse('imageToVideo').request).toMatchObject({
      kind: 'video',
      prompt: 'Let this cat dance',
      images: [{ mime: 'image/png' }],
    });
  });

  it('remix: link removed, id extracted', () => {
    expect(parse('remix').request).toMatchObject({
      prompt: 'convert it into an ink-wash style',
      remixTargetId: REMIX_ID,
    });
  });

  it.each(['storyboardInline', 'storyboardLines'])(
    '%s: 20 s of shots on a 10 s model → 25 s storyboard with a note',
    (key) => {
      const { request, warnings } = parse(key);
      expect(request).toMatchObject({
        kind: 'video',
        model: 'sora2-landscape-25s',
        prompt: STORYBOARD,
        params: { durationS: 25, quality: 'standard' },
        storyboard: {
          shots: [
            { durationS: 5, text: 'A cat skydives from a plane' },
            { durationS: 5, text: 'The cat lands' },
            { durationS: 10, text: 'The cat runs through a field' },
          ],
          instructions: null,
          formatted: STORYBOARD,
        },
      });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/20 s.*25 s storyboard \(sora2-landscape-25s\).*Pro/);
    },
  );

  it('styles: tag extracted and removed (signed out: accepted from the fallback with a warning)', () => {
    const anime = parse('anime');
    expect(anime.request).toMatchObject({ styleId: 'anime', prompt: 'A kitten running across a meadow' });
    expect(anime.warnings[0]).toMatch(/checked again/);
    expect(parse('retro').request).toMatchObject({ styleId: 'retro', prompt: 'City street at night' });
  });

  it('style during remix', () => {
    expect(parse('styleRemix').request).toMatchObject({
      styleId: 'comic',
      remixTargetId: REMIX_ID,
      prompt: 'convert to comic style',
    });
  });

  it('character creation only', () => {
    expect(parse('characterOnly').request).toEqual({
      kind: 'character',
      model: 'sora2-landscape-10s',
      video: { source: 'data', url: MP4, mime: 'video/mp4', approxBytes: 30000 },
    });
  });

  it('character, then generation', () => {
    expect(parse('characterThenVideo').request).toMatchObject({
      kind: 'video',
      prompt: 'Make the character perform a dance move',
      characterVideo: { mime: 'video/mp4' },
    });
  });

  it('the same bodies as chat-completions JSONL lines', () => {
    const lines = Object.values(SEED).map((e) =>
      JSON.stringify({ model: e.model, messages: [{ role: 'user', content: e.content }], stream: true }),
    );
    const result = parseJsonl(lines.join('\n'), { model: 'sora2-portrait-10s', styles: SIGNED_OUT });
    expect(result.rejected).toEqual([]);
    expect(result.jobs.map((j) => j.kind)).toEqual([
      'image',
      'image',
      'enhance',
      'enhance',
      'video',
      'video',
      'video',
      'video',
      'video',
      'video',
      'video',
      'video',
      'character',
      'video',
    ]);
  });
});
