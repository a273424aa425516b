import type { Aspect, Quality, RequestShape } from '../capabilities';
import type { CreateVideoInput, InputReference } from './client';

/** Aspect × quality → the API's `size` (OAI-PY `types/video_size.py`); the API's default is 720x1280. */
const SIZES: Record<Exclude<Aspect, 'square'>, Record<Quality, string>> = {
  portrait: { standard: '720x1280', high: '1024x1792' },
  landscape: { standard: '1280x720', high: '1792x1024' },
};

/** The neutral request's text, for mapping (prompt as the user meant it). */
export interface VideoRequest extends RequestShape {
  prompt: string;
}

/**
 * Maps a neutral request (already passed by `refusalFor`) onto `POST /videos`. A size or length the
 * user did not choose is left out, so the server's default applies.
 */
export function toCreateVideoInput(req: VideoRequest, image?: InputReference): CreateVideoInput {
  const out: CreateVideoInput = { prompt: req.prompt, model: req.model };
  if (req.durationS !== null) out.seconds = String(req.durationS);
  if (req.aspect !== null && req.aspect !== 'square') out.size = SIZES[req.aspect][req.quality ?? 'standard'];
  else if (req.quality === 'high') out.size = SIZES.portrait.high;
  if (image) out.inputReference = image;
  return out;
}
