import type { JobRequest } from '../../prompt/request';
import { characterMode, enhanceMode, imageMode } from './other';
import type { ModeHandler, ModeKey } from './types';
import { remixMode, storyboardMode, videoMode } from './video';

export type { ModeHandler, ModeKey, StartOutcome } from './types';

/** Every mode the queue runs; a missing one is a compile error. */
export const MODES: Record<ModeKey, ModeHandler> = {
  video: videoMode,
  storyboard: storyboardMode,
  remix: remixMode,
  image: imageMode,
  enhance: enhanceMode,
  character: characterMode,
};

/** Which mode runs a request. */
export function modeOf(request: JobRequest): ModeKey {
  if (request.kind !== 'video') return request.kind;
  if (request.storyboard) return 'storyboard';
  if (request.remixTargetId) return 'remix';
  return 'video';
}
