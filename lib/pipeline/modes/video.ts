import type { ImageInput, VideoSpec } from '../../backend/backend';
import { AppError } from '../../errors';
import type { JobRow } from '../../queue/job';
import type { PipelineDeps } from '../context';
import { loadInput } from '../inputs';
import { ensureUploads } from '../uploads';
import type { ModeHandler } from './types';

/**
 * The video create of a job in the boundary's terms (prompt prefixed with its character, when it has
 * one). `images: false` leaves the images out — no upload, no read of an input — for matching a
 * listed task, which compares the prompt and parameters only (no I/O on the poll path).
 */
export async function videoSpec(
  deps: PipelineDeps,
  job: JobRow,
  options: { images: boolean } = { images: true },
): Promise<VideoSpec> {
  const request = job.request;
  if (request.kind !== 'video') throw new Error(`Not a video job: ${request.kind}`);
  let prompt = request.prompt;
  if (job.dependsOn) {
    // docs/backend-facts.md §4.9: the web app resolves `@username` in the prompt to the character itself.
    const character = await deps.db.characters.where('jobId').equals(job.dependsOn).first();
    if (!character) throw new Error('The character for this video was not created.');
    prompt = `@${character.username} ${prompt}`;
  }
  // A backend with an upload step gets upload ids; one without gets the images with the create.
  const inline = options.images && !deps.backend.uploadImage && request.images.length > 0;
  const imageInputs: ImageInput[] = [];
  if (inline)
    for (const media of request.images)
      imageInputs.push(
        media.source === 'url' && media.url.startsWith('https://')
          ? { kind: 'url', url: media.url }
          : { kind: 'file', blob: await loadInput(deps.db, media), name: 'image.png' },
      );
  return {
    prompt,
    model: request.model,
    aspect: request.params.aspect,
    durationS: request.params.durationS,
    quality: request.params.quality,
    styleId: request.styleId,
    remixTargetId: request.remixTargetId,
    images: inline || !options.images ? [] : await ensureUploads(deps, job),
    ...(inline ? { imageInputs } : {}),
    ...(request.backendParams ? { backendParams: request.backendParams } : {}),
  };
}

/** The backend cannot do this kind of work (enqueue refuses it; a row queued before is failed here). */
export function unsupported(what: string): AppError {
  return new AppError('unsupported', `This backend cannot do ${what}.`);
}

/** Text-to-video and image-to-video (docs/backend-facts.md §4.3, §4.4). */
export const videoMode: ModeHandler = {
  track: 'video',
  extension: 'mp4',
  start: async (deps, job) => deps.backend.create(await videoSpec(deps, job)),
};

/** Storyboards: the formatted shots through the storyboard endpoint (docs/backend-facts.md §4.7). */
export const storyboardMode: ModeHandler = {
  track: 'video',
  extension: 'mp4',
  async start(deps, job) {
    if (!deps.backend.storyboard) throw unsupported('storyboards');
    return deps.backend.storyboard(await videoSpec(deps, job));
  },
};

/** Remix of a published video by its `s_…` id (docs/backend-facts.md §4.6). */
export const remixMode: ModeHandler = {
  track: 'video',
  extension: 'mp4',
  async start(deps, job) {
    if (!deps.backend.remix) throw unsupported('remixes');
    const spec = await videoSpec(deps, job);
    if (!spec.remixTargetId) throw new Error('A remix needs the video to remix.');
    return deps.backend.remix({ ...spec, remixTargetId: spec.remixTargetId });
  },
};
