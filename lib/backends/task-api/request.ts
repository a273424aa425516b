import type { RequestShape } from '../capabilities';
import type { GenerateInput } from './client';

export interface TaskRequest extends RequestShape {
  prompt: string;
}

/**
 * Maps a neutral request (already passed by `refusalFor`) onto the seed's `POST /generate`: aspect →
 * `aspectRatio`, high → `hd`, images by URL only, the watermark from the backend's own params.
 */
export function toGenerateInput(req: TaskRequest, imageUrls: readonly string[] = []): GenerateInput {
  const out: GenerateInput = {
    prompt: req.prompt,
    aspectRatio: req.aspect === 'portrait' ? 'portrait' : 'landscape',
    quality: req.quality === 'high' ? 'hd' : 'standard',
  };
  if (imageUrls.length) out.imageUrls = imageUrls;
  const watermark = req.backendParams?.watermark?.trim();
  if (watermark) out.watermark = watermark;
  return out;
}
