import { loadInput } from '../inputs';
import { ensureUploads } from '../uploads';
import type { ModeHandler } from './types';
import { unsupported } from './video';

/** Text-to-image and image-to-image through the image endpoint (docs/backend-facts.md §4.5). */
export const imageMode: ModeHandler = {
  track: 'image',
  extension: 'png',
  async start(deps, job) {
    const request = job.request;
    if (request.kind !== 'image') throw new Error(`Not an image job: ${request.kind}`);
    if (!deps.backend.images) throw unsupported('images');
    const images = await ensureUploads(deps, job);
    return deps.backend.images.create({
      prompt: request.prompt,
      width: request.width,
      height: request.height,
      images,
    });
  },
};

/** Prompt enhancement: a text result at once, no polling (docs/backend-facts.md §4.11). */
export const enhanceMode: ModeHandler = {
  track: 'none',
  extension: 'txt',
  async start(deps, job) {
    const request = job.request;
    if (request.kind !== 'enhance') throw new Error(`Not an enhance job: ${request.kind}`);
    if (!deps.backend.enhancePrompt) throw unsupported('prompt enhancement');
    const text = await deps.backend.enhancePrompt({
      prompt: request.prompt,
      level: request.level,
      durationS: request.durationS,
    });
    return { kind: 'finished', text };
  },
};

/** A character from a video: upload, then processing is followed like a task (docs/backend-facts.md §4.9). */
export const characterMode: ModeHandler = {
  track: 'character',
  extension: null,
  async start(deps, job) {
    const request = job.request;
    if (request.kind !== 'character') throw new Error(`Not a character job: ${request.kind}`);
    if (!deps.backend.characters) throw unsupported('characters');
    const blob = await loadInput(deps.db, request.video);
    const { cameoId } = await deps.backend.characters.create({ blob, name: 'video.mp4' });
    return { kind: 'created', taskId: cameoId };
  },
};
