import { describe, expect, it } from 'vitest';
import { type MediaRef, type PromptErrorCode, parseChatContent, parsePrompt } from '../../lib/prompt';
import { dataUrl, fails, LIVE, SIGNED_OUT } from './helpers';

const ID = 's_68e3a06dcd888191b150971da152c1f5';
const ID2 = 's_00e3a06dcd888191b150971da152c1f5';
const png: MediaRef = { source: 'data', url: dataUrl('image/png'), mime: 'image/png', approxBytes: 12 };
const mp4: MediaRef = { source: 'url', url: 'https://x.test/a.mp4', mime: 'video/mp4', approxBytes: null };

// [description, text, model, code, message fragment, extra options]
const PROMPT_ERRORS: [string, string, string, PromptErrorCode, RegExp, object?][] = [
  ['unknown model', 'a cat', 'sora3-landscape-10s', 'unknown_model', /Did you mean "sora2-landscape-10s"/],
  ['empty prompt', '   \n ', 'sora2-landscape-10s', 'empty_prompt', /empty/],
  ['only a style tag', '{anime}', 'sora2-landscape-10s', 'empty_prompt', /Describe the video/],
  ['remix without instructions', ID, 'sora2-landscape-10s', 'empty_prompt', /remixed video/],
  [
    'misspelt style, signed out',
    '{anme} a cat',
    'sora2-landscape-10s',
    'unknown_style',
    /Unknown style "anme"\. Did you mean "anime"\?/,
  ],
  [
    'fallback-only style, live list known',
    '{retro} a cat',
    'sora2-landscape-10s',
    'unknown_style',
    /Unknown style "retro"/,
    { styles: LIVE },
  ],
  [
    'live list suggestion',
    '{highdef} a cat',
    'sora2-landscape-10s',
    'unknown_style',
    /"high_def"/,
    { styles: LIVE },
  ],
  ['two styles', '{anime} a cat {retro}', 'sora2-landscape-10s', 'multiple_styles', /"anime", "retro"/],
  [
    'tag disagrees with style column',
    '{anime} a cat',
    'sora2-landscape-10s',
    'multiple_styles',
    /one style/,
    { style: 'retro' },
  ],
  [
    'storyboard over 25 s',
    '[10s]a [10s]b [10s]c',
    'sora2-landscape-10s',
    'storyboard_too_long',
    /30 s.*at most 25 s/,
  ],
  [
    'HD storyboard over 15 s',
    '[10s]a [10s]b',
    'sora2pro-hd-landscape-10s',
    'storyboard_too_long',
    /at most 15 s/,
  ],
  ['zero-length shot', '[0s]a [5s]b', 'sora2-landscape-10s', 'bad_duration', /Shot 1/],
  ['malformed shot tag', '[5 sec]a [5s]b', 'sora2-landscape-10s', 'bad_duration', /"\[5 sec\]"/],
  ['negative shot', '[-5s]a', 'sora2-landscape-10s', 'bad_duration', /not a shot duration/],
  ['unitless tag in a storyboard', '[5s]a [5]b', 'sora2-landscape-10s', 'bad_duration', /\[5\]/],
  [
    'shot without text',
    '[5s][5s]the cat lands',
    'sora2-landscape-10s',
    'bad_storyboard',
    /Shot 1 .*no description/,
  ],
  [
    'truncated remix id',
    's_68e3a06dcd888191b150971da152c1f a cat',
    'sora2-landscape-10s',
    'bad_remix_id',
    /31 characters/,
  ],
  [
    'malformed draft link',
    'https://sora.chatgpt.com/d/gen_01abc make it blue',
    'sora2-landscape-10s',
    'bad_remix_id',
    /not a Sora share or draft link/,
  ],
  ['two remix targets', `${ID} and ${ID2} merge`, 'sora2-landscape-10s', 'multiple_remix_targets', /names 2/],
  ['remix + storyboard', `${ID} [5s]a`, 'sora2-landscape-10s', 'conflicting_modes', /storyboard/],
  ['remix + image', `${ID} bluer`, 'sora2-landscape-10s', 'conflicting_modes', /image/, { images: [png] }],
  [
    'character + image',
    'dance',
    'sora2-landscape-10s',
    'conflicting_modes',
    /not both/,
    { images: [png], characterVideo: mp4 },
  ],
  ['two images', 'a cat', 'sora2-landscape-10s', 'too_many_media', /2 images/, { images: [png, png] }],
  [
    'style on an image model',
    '{anime} a cat',
    'gpt-image',
    'unsupported_for_model',
    /Styles only work with video models/,
  ],
  ['remix on an image model', `${ID} a cat`, 'gpt-image', 'unsupported_for_model', /Remix/],
  ['storyboard on an image model', '[5s]a cat', 'gpt-image-portrait', 'unsupported_for_model', /Storyboard/],
  [
    'image on an enhance model',
    'kitten',
    'prompt-enhance-short-10s',
    'unsupported_for_model',
    /text only/,
    { images: [png] },
  ],
  ['unexpanded template', 'a {{animal: cat | dog}}', 'sora2-landscape-10s', 'bad_template', /Expand it/],
];

describe('parsePrompt error cases', () => {
  it.each(PROMPT_ERRORS)('%s', (_, text, model, code, message, extra) => {
    const result = parsePrompt(text, { model, styles: SIGNED_OUT, ...extra });
    expect(fails(result, code)).toMatch(message);
  });
});

const CONTENT_ERRORS: [string, unknown, string, PromptErrorCode, RegExp][] = [
  ['content is a number', 42, 'sora2-landscape-10s', 'bad_content', /string or an array/],
  [
    'unknown part type',
    [{ type: 'audio_url', audio_url: { url: 'x' } }],
    'sora2-landscape-10s',
    'bad_content',
    /"audio_url"/,
  ],
  [
    'image part without url',
    [{ type: 'image_url' }],
    'sora2-landscape-10s',
    'bad_content',
    /part 1 \(image_url\)/,
  ],
  [
    'gif image',
    [
      { type: 'text', text: 'a' },
      { type: 'image_url', image_url: { url: dataUrl('image/gif') } },
    ],
    'gpt-image',
    'unsupported_media',
    /"image\/gif"/,
  ],
  [
    'image too large',
    [
      { type: 'text', text: 'a' },
      { type: 'image_url', image_url: { url: dataUrl('image/png', 21 * 1024 * 1024) } },
    ],
    'gpt-image',
    'image_too_large',
    /21\.0 MB.*20\.0 MB/,
  ],
  [
    'video too large',
    [{ type: 'video_url', video_url: { url: dataUrl('video/mp4', 101 * 1024 * 1024) } }],
    'sora2-landscape-10s',
    'video_too_large',
    /100\.0 MB/,
  ],
  [
    'video sent as image',
    [
      { type: 'text', text: 'a' },
      { type: 'image_url', image_url: { url: dataUrl('video/mp4') } },
    ],
    'sora2-landscape-10s',
    'unsupported_media',
    /send it as video_url/,
  ],
  [
    'not base64',
    [{ type: 'image_url', image_url: { url: 'data:image/png,abc' } }],
    'gpt-image',
    'bad_media_url',
    /base64/,
  ],
  [
    'file: URL',
    [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }],
    'gpt-image',
    'bad_media_url',
    /data URL.*http/,
  ],
  [
    '.avi link',
    [{ type: 'video_url', video_url: { url: 'https://x.test/a.avi' } }],
    'sora2-landscape-10s',
    'unsupported_media',
    /video\/x-msvideo/,
  ],
  [
    'two videos',
    [
      { type: 'video_url', video_url: 'https://x.test/a.mp4' },
      { type: 'video_url', video_url: 'https://x.test/b.mp4' },
    ],
    'sora2-landscape-10s',
    'too_many_media',
    /2 videos/,
  ],
  [
    'character video on an image model',
    [{ type: 'video_url', video_url: 'https://x.test/a.mp4' }],
    'gpt-image',
    'unsupported_for_model',
    /video models/,
  ],
  ['empty parts', [], 'sora2-landscape-10s', 'empty_prompt', /empty/],
];

describe('parseChatContent error cases', () => {
  it.each(CONTENT_ERRORS)('%s', (_, content, model, code, message) => {
    expect(fails(parseChatContent(content, { model, styles: SIGNED_OUT }), code)).toMatch(message);
  });

  it('serialises errors for RPC', () => {
    const result = parsePrompt('{anme} x', { model: 'sora2-landscape-10s', styles: SIGNED_OUT });
    expect(!result.ok && result.error.toJSON()).toEqual({
      code: 'unknown_style',
      message: 'Unknown style "anme". Did you mean "anime"?',
      details: { style: 'anme', suggestions: ['anime'] },
    });
  });
});
