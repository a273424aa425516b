import type { JobRequest } from '../prompt/request';
import type { GenerationSpec } from '../sora/backend';

/** Why the pipeline cannot run this request yet, in plain words; null when it can. */
export function unsupportedReason(request: JobRequest): string | null {
  if (request.kind === 'image')
    return 'Image generation (gpt-image models) is not available in this version yet.';
  if (request.kind === 'enhance') return 'Prompt enhancement is not available in this version yet.';
  if (request.kind === 'character' || request.characterVideo)
    return 'Characters are not available in this version yet.';
  if (request.storyboard)
    return 'Storyboards are not available in this version yet; remove the [5.0s] shot tags.';
  if (request.images.length > 0) return 'Image-to-video is not available in this version yet.';
  return null;
}

/** The backend parameters of a request, or null for kinds the pipeline cannot run yet. */
export function toGenerationSpec(request: JobRequest): GenerationSpec | null {
  if (request.kind !== 'video' || unsupportedReason(request) !== null) return null;
  return {
    prompt: request.prompt,
    model: request.backend.model,
    orientation: request.backend.orientation,
    size: request.backend.size,
    nFrames: request.backend.nFrames,
    styleId: request.styleId,
    remixTargetId: request.remixTargetId,
  };
}

/** The text a job's result file and reconciliation go by. */
export function requestPrompt(request: JobRequest): string {
  return request.kind === 'character' ? '' : request.prompt;
}
