import { z } from 'zod/mini';
import { isCharacterOnly } from './character';
import { isPromptError, promptError } from './errors';
import { parseMediaUrl } from './media';
import { parseModelName } from './models';
import { type ParseOptions, type ParseResult, parsePrompt } from './parse';
import type { MediaRef } from './request';

/** Options for chat content: as {@link ParseOptions}, minus the media the content itself carries. */
export type ContentOptions = Omit<ParseOptions, 'images' | 'characterVideo'>;

// OpenAI chat format as the seed README uses it (docs/backend-facts.md §14); `image_url` may also be a bare string (OpenAI accepts both).
const UrlFieldSchema = z.union([z.string(), z.object({ url: z.string() })]);
const PartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image_url'), image_url: UrlFieldSchema }),
  z.object({ type: z.literal('video_url'), video_url: UrlFieldSchema }),
]);

/** A chat message `content`: a string or an array of text / image_url / video_url parts. */
export const ChatContentSchema = z.union([z.string(), z.array(PartSchema)]);

interface Collected {
  texts: string[];
  images: MediaRef[];
  videos: MediaRef[];
}

function describePart(part: unknown, index: number): string {
  const type = typeof part === 'object' && part !== null && 'type' in part ? String(part.type) : null;
  if (type === null) return `Content part ${index + 1} has no "type".`;
  if (!['text', 'image_url', 'video_url'].includes(type)) {
    return `Content part ${index + 1} has type "${type}"; only text, image_url and video_url are supported.`;
  }
  const field = type === 'text' ? '"text" string' : `"${type}": {"url": "…"}`;
  return `Content part ${index + 1} (${type}) needs a ${field}.`;
}

function collect(parts: readonly unknown[]): Collected {
  const out: Collected = { texts: [], images: [], videos: [] };
  parts.forEach((raw, i) => {
    const parsed = PartSchema.safeParse(raw);
    if (!parsed.success) throw promptError('bad_content', describePart(raw, i));
    const part = parsed.data;
    if (part.type === 'text') out.texts.push(part.text);
    else if (part.type === 'image_url') {
      out.images.push(
        parseMediaUrl(typeof part.image_url === 'string' ? part.image_url : part.image_url.url, 'image'),
      );
    } else {
      out.videos.push(
        parseMediaUrl(typeof part.video_url === 'string' ? part.video_url : part.video_url.url, 'video'),
      );
    }
  });
  return out;
}

function fromParts(parts: readonly unknown[], opts: ContentOptions): ParseResult {
  const { texts, images, videos } = collect(parts);
  const text = texts.join('\n');
  if (videos.length > 1) {
    throw promptError(
      'too_many_media',
      `${videos.length} videos were given; a character is made from one video.`,
    );
  }
  const [video] = videos;
  if (video === undefined) return parsePrompt(text, { ...opts, images });
  const spec = parseModelName(opts.model);
  if (spec.kind !== 'video') {
    throw promptError(
      'unsupported_for_model',
      `Character videos only work with video models, not ${spec.name}.`,
    );
  }
  if (isCharacterOnly({ text, imageCount: images.length, hasVideo: true })) {
    return { ok: true, request: { kind: 'character', model: spec.name, video }, warnings: [] };
  }
  return parsePrompt(text, { ...opts, images, characterVideo: video });
}

/** Parses an OpenAI chat `content` (string or parts) into a job request; never throws. */
export function parseChatContent(content: unknown, opts: ContentOptions): ParseResult {
  try {
    if (typeof content === 'string') return parsePrompt(content, opts);
    if (!Array.isArray(content)) {
      throw promptError(
        'bad_content',
        'Message content must be a string or an array of text / image_url / video_url parts.',
      );
    }
    return fromParts(content, opts);
  } catch (error) {
    if (isPromptError(error)) return { ok: false, error };
    throw error;
  }
}
