import type { JobRequest } from '../prompt/request';
import type { GenerationSpec } from '../sora/backend';

/** The backend parameters of a request, or null for kinds the pipeline cannot run yet. */
export function toGenerationSpec(request: JobRequest): GenerationSpec | null {
  if (request.kind !== 'video' || request.storyboard || request.images.length > 0 || request.characterVideo)
    return null;
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
