import { z } from 'zod/mini';
import { ANY_REMIX_ID_RE } from './remix';

/** An image or video to upload: data URLs are kept as-is, the queue decides where to store them. */
export const MediaRefSchema = z.object({
  source: z.enum(['data', 'url']),
  url: z.string().check(z.minLength(1)),
  /** `image/*` or `video/*` when a URL has no telling extension (checked after fetching). */
  mime: z.string(),
  /** Decoded size estimated from base64 length; null for links. */
  approxBytes: z.nullable(z.int().check(z.nonnegative())),
});
/** An image or video to upload. */
export type MediaRef = z.infer<typeof MediaRefSchema>;

/** A storyboard shot. */
export const ShotSchema = z.object({
  durationS: z.number().check(z.positive()),
  text: z.string().check(z.minLength(1)),
});

/** Storyboard: shots, instructions and the exact backend prompt (docs/backend-facts.md §4.7). */
export const StoryboardSchema = z.object({
  shots: z.array(ShotSchema).check(z.minLength(1)),
  instructions: z.nullable(z.string().check(z.minLength(1))),
  formatted: z.string().check(z.minLength(1)),
});

/**
 * What the video should be, in the user's terms: never a backend's ids. Each backend maps them
 * (Sora: seconds → `n_frames`, high → `large`; docs/backend-facts.md §4.2).
 */
export const VideoParamsSchema = z.object({
  aspect: z.enum(['landscape', 'portrait']),
  durationS: z.number().check(z.positive()),
  quality: z.enum(['standard', 'high']),
});
export type VideoParams = z.infer<typeof VideoParamsSchema>;

/**
 * Text/image-to-video, remix and storyboard. `prompt` is exactly what is sent (for a storyboard, the
 * formatted timeline); `model` is the effective model name as the user names it (a storyboard may
 * move to a longer one); the backend that runs the job maps it.
 */
export const VideoRequestSchema = z.object({
  kind: z.literal('video'),
  model: z.string().check(z.minLength(1)),
  prompt: z.string().check(z.minLength(1)),
  params: VideoParamsSchema,
  styleId: z.nullable(z.string().check(z.minLength(1))),
  /** A post id `s_…`, or a draft's generation id `gen_…` (docs/backend-facts.md §4.6). */
  remixTargetId: z.nullable(z.string().check(z.regex(ANY_REMIX_ID_RE))),
  storyboard: z.nullable(StoryboardSchema),
  images: z.array(MediaRefSchema),
  /** Set for "character, then generation": create the character from this video first (docs/backend-facts.md §4.9). */
  characterVideo: z.nullable(MediaRefSchema),
  /** A connection's own options the neutral request has no field for (the task API's `watermark`). */
  backendParams: z.optional(z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(200)))),
});

/** Text-to-image, or image-to-image when `images` is non-empty (docs/backend-facts.md §4.5). */
export const ImageRequestSchema = z.object({
  kind: z.literal('image'),
  model: z.string().check(z.minLength(1)),
  prompt: z.string().check(z.minLength(1)),
  width: z.int().check(z.positive()),
  height: z.int().check(z.positive()),
  images: z.array(MediaRefSchema),
});

/** Prompt enhancement: a text job whose result is the enhanced prompt (docs/backend-facts.md §4.11). */
export const EnhanceRequestSchema = z.object({
  kind: z.literal('enhance'),
  model: z.string().check(z.minLength(1)),
  prompt: z.string().check(z.minLength(1)),
  level: z.enum(['short', 'medium', 'long']),
  durationS: z.int().check(z.positive()),
});

/** Character creation only: a video and no prompt (docs/backend-facts.md §4.9). */
export const CharacterRequestSchema = z.object({
  kind: z.literal('character'),
  model: z.string().check(z.minLength(1)),
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
