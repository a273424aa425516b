import { z } from 'zod';
import { MODEL_NAMES, type ModelName } from './models';
import { REMIX_ID_RE } from './remix';

/** A user-facing model name (see `MODEL_NAMES`). */
export const ModelNameSchema = z.enum(MODEL_NAMES as [ModelName, ...ModelName[]]);

/** An image or video to upload: data URLs are kept as-is, the queue decides where to store them. */
export const MediaRefSchema = z.object({
  source: z.enum(['data', 'url']),
  url: z.string().min(1),
  /** `image/*` or `video/*` when a URL has no telling extension (checked after fetching). */
  mime: z.string(),
  /** Decoded size estimated from base64 length; null for links. */
  approxBytes: z.number().int().nonnegative().nullable(),
});
/** An image or video to upload. */
export type MediaRef = z.infer<typeof MediaRefSchema>;

/** A storyboard shot. */
export const ShotSchema = z.object({ durationS: z.number().positive(), text: z.string().min(1) });

/** Storyboard: shots, instructions and the exact backend prompt (docs/backend-facts.md §4.7). */
export const StoryboardSchema = z.object({
  shots: z.array(ShotSchema).min(1),
  instructions: z.string().min(1).nullable(),
  formatted: z.string().min(1),
});

/** Backend parameters of a video create (docs/backend-facts.md §4.1, §4.2). */
export const VideoBackendSchema = z.object({
  model: z.enum(['sy_8', 'sy_ore']),
  orientation: z.enum(['landscape', 'portrait']),
  size: z.enum(['small', 'large']),
  nFrames: z.number().int().positive(),
});

/**
 * Text/image-to-video, remix and storyboard. `prompt` is exactly what is sent (for a storyboard, the
 * formatted timeline); `model` is the effective model name (a storyboard may move to a longer one).
 */
export const VideoRequestSchema = z.object({
  kind: z.literal('video'),
  model: ModelNameSchema,
  prompt: z.string().min(1),
  backend: VideoBackendSchema,
  styleId: z.string().min(1).nullable(),
  /** A post id `s_…`, or a draft's generation id `gen_…` (docs/backend-facts.md §4.6). */
  remixTargetId: z.string().regex(REMIX_ID_RE).nullable(),
  storyboard: StoryboardSchema.nullable(),
  images: z.array(MediaRefSchema),
  /** Set for "character, then generation": create the character from this video first (docs/backend-facts.md §4.9). */
  characterVideo: MediaRefSchema.nullable(),
  requiresPro: z.boolean(),
});

/** Text-to-image, or image-to-image when `images` is non-empty (docs/backend-facts.md §4.5). */
export const ImageRequestSchema = z.object({
  kind: z.literal('image'),
  model: ModelNameSchema,
  prompt: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  images: z.array(MediaRefSchema),
});

/** Prompt enhancement: a text job whose result is the enhanced prompt (docs/backend-facts.md §4.11). */
export const EnhanceRequestSchema = z.object({
  kind: z.literal('enhance'),
  model: ModelNameSchema,
  prompt: z.string().min(1),
  level: z.enum(['short', 'medium', 'long']),
  durationS: z.number().int().positive(),
});

/** Character creation only: a video and no prompt (docs/backend-facts.md §4.9). */
export const CharacterRequestSchema = z.object({
  kind: z.literal('character'),
  model: ModelNameSchema,
  video: MediaRefSchema,
});

/** Every job the prompt language can produce, discriminated on `kind`. */
export const JobRequestSchema = z.discriminatedUnion('kind', [
  VideoRequestSchema,
  ImageRequestSchema,
  EnhanceRequestSchema,
  CharacterRequestSchema,
]);

/** A typed, validated job request. */
export type JobRequest = z.infer<typeof JobRequestSchema>;
/** A video job request. */
export type VideoRequest = z.infer<typeof VideoRequestSchema>;
/** An image job request. */
export type ImageRequest = z.infer<typeof ImageRequestSchema>;
/** A prompt-enhancement job request. */
export type EnhanceRequest = z.infer<typeof EnhanceRequestSchema>;
/** A character-creation job request. */
export type CharacterRequest = z.infer<typeof CharacterRequestSchema>;
