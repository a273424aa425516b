import { isPromptError, type PromptError, promptError } from './errors';
import { cleanText, protectEscapes, restoreEscapes } from './escape';
import { type EnhanceModelSpec, type ImageModelSpec, parseModelName, type VideoModelSpec } from './models';
import { extractRemix } from './remix';
import type { JobRequest, MediaRef } from './request';
import { fitStoryboard, formatStoryboard, hasShotTags, parseShotTags } from './storyboard';
import { extractStyle, findStyleTags, type StyleLists } from './styles';

/** Inputs besides the text: the chosen model, the style lists, and already-parsed media. */
export interface ParseOptions {
  /** A model name from `MODEL_NAMES` (the user's choice, or a row's default). */
  model: string;
  styles: StyleLists;
  images?: readonly MediaRef[];
  /** A video to turn into a character before generating (docs/backend-facts.md §4.9). */
  characterVideo?: MediaRef | null;
  /** A style chosen outside the text (a CSV column); must agree with any `{style}` tag. */
  style?: string | null;
  /** Unused: parsing is time-independent; accepted so callers can pass their clock uniformly. */
  now?: number;
}

/** A parsed request with its warnings, or the one error that stops it. */
export type ParseResult =
  | { ok: true; request: JobRequest; warnings: string[] }
  | { ok: false; error: PromptError };

/** How many images one create takes: SHC/GO upload one (docs/backend-facts.md §4.4 first frame, §4.5 `frame_index: 0`). */
export const MAX_IMAGES = 1;

interface Built {
  request: JobRequest;
  warnings: string[];
}

function requireText(text: string, what: string): string {
  const clean = cleanText(restoreEscapes(text));
  if (clean === '') throw promptError('empty_prompt', `The prompt is empty. ${what}`);
  return clean;
}

function noVideoSyntax(text: string, spec: ImageModelSpec | EnhanceModelSpec, opts: ParseOptions): void {
  const notFor = (what: string): PromptError =>
    promptError(
      'unsupported_for_model',
      `${what} only work with video models, not ${spec.name}. Pick a sora2 model or remove it.`,
    );
  if (findStyleTags(text).length > 0 || opts.style) throw notFor('Styles');
  if (extractRemix(text).remixTargetId !== null) throw notFor('Remix links');
  if (hasShotTags(text)) throw notFor('Storyboard shots ([5.0s])');
  if (opts.characterVideo) throw notFor('Character videos');
}

function checkImages(images: readonly MediaRef[]): void {
  if (images.length > MAX_IMAGES) {
    throw promptError(
      'too_many_media',
      `${images.length} images were given; one job takes ${MAX_IMAGES}. Split them into separate jobs.`,
    );
  }
  const notImage = images.find((m) => !m.mime.startsWith('image/'));
  if (notImage)
    throw promptError('unsupported_media', `"${notImage.mime}" is not an image type. Use png, jpeg or webp.`);
}

function buildImage(text: string, spec: ImageModelSpec, opts: ParseOptions): Built {
  noVideoSyntax(text, spec, opts);
  const images = opts.images ?? [];
  checkImages(images);
  const prompt = requireText(text, 'Describe the image, e.g. "A cute little kitten".');
  const { width, height } = spec;
  return {
    request: { kind: 'image', model: spec.name, prompt, width, height, images: [...images] },
    warnings: [],
  };
}

function buildEnhance(text: string, spec: EnhanceModelSpec, opts: ParseOptions): Built {
  if ((opts.images ?? []).length > 0 || opts.characterVideo) {
    throw promptError('unsupported_for_model', `${spec.name} enhances text only; remove the image or video.`);
  }
  if (opts.style)
    throw promptError('unsupported_for_model', `${spec.name} enhances text only; it takes no style.`);
  // Tags are left as text here: the enhanced prompt is meant to be fed back into a video model.
  const prompt = requireText(text, 'Write a short idea to enhance, e.g. "kitten".');
  const { level, durationS } = spec;
  return { request: { kind: 'enhance', model: spec.name, prompt, level, durationS }, warnings: [] };
}

function checkVideoConflicts(remix: boolean, board: boolean, images: number, character: boolean): void {
  const conflict = (msg: string): PromptError => promptError('conflicting_modes', msg);
  if (remix && board)
    throw conflict('A remix cannot also be a storyboard. Remove the remix link or the [5.0s] shots.');
  if (remix && images > 0)
    throw conflict('A remix cannot start from an image. Remove the image or the remix link.');
  if (remix && character)
    throw conflict('A remix cannot also create a character. Remove the video or the remix link.');
  if (character && images > 0) throw conflict('Send either a character video or an image, not both.');
}

function buildVideo(text: string, spec: VideoModelSpec, opts: ParseOptions): Built {
  const images = opts.images ?? [];
  checkImages(images);
  const characterVideo = opts.characterVideo ?? null;
  const remix = extractRemix(text);
  const style = extractStyle(remix.text, opts.styles, opts.style ?? null);
  const board = parseShotTags(style.text);
  checkVideoConflicts(remix.remixTargetId !== null, board !== null, images.length, characterVideo !== null);
  const warnings = [...style.warnings];
  let effective = spec;
  let prompt: string;
  let storyboard = null;
  if (board) {
    const fit = fitStoryboard(spec, board.shots);
    effective = fit.spec;
    if (fit.warning) warnings.push(fit.warning);
    const formatted = formatStoryboard(board.shots, board.instructions);
    storyboard = { ...board, formatted };
    prompt = formatted;
  } else {
    const how = remix.remixTargetId ? 'Say how to change the remixed video' : 'Describe the video';
    prompt = requireText(style.text, `${how}, e.g. "convert it into an ink-wash style".`);
  }
  const { orientation: aspect, durationS, size } = effective;
  return {
    request: {
      kind: 'video',
      model: effective.name,
      prompt,
      params: { aspect, durationS, quality: size === 'large' ? 'high' : 'standard' },
      styleId: style.styleId,
      remixTargetId: remix.remixTargetId,
      storyboard,
      images: [...images],
      characterVideo,
    },
    warnings,
  };
}

function build(text: string, opts: ParseOptions): Built {
  const spec = parseModelName(opts.model);
  const safe = protectEscapes(text);
  if (safe.includes('{{')) {
    throw promptError(
      'bad_template',
      'This prompt still contains a {{…}} template. Expand it into prompts first, or escape the braces as \\{\\{ to keep them.',
    );
  }
  if (spec.kind === 'image') return buildImage(safe, spec, opts);
  if (spec.kind === 'enhance') return buildEnhance(safe, spec, opts);
  return buildVideo(safe, spec, opts);
}

/** Parses one prompt into a job request; never throws, every problem comes back as a {@link PromptError}. */
export function parsePrompt(text: string, opts: ParseOptions): ParseResult {
  try {
    const { request, warnings } = build(text, opts);
    return { ok: true, request, warnings };
  } catch (error) {
    if (isPromptError(error)) return { ok: false, error };
    throw error;
  }
}
