import type { CreateOutcome, GenerationSpec } from './backend';
import type { VideoCreateBody } from './client';
import { isResponseLost, isSoraError } from './errors';

/**
 * Runs a create; a lost answer — or a 2xx we could not read — becomes `uncertain`: the task may exist,
 * so the caller reconciles against pending/drafts instead of resending (docs/backend-facts.md §13).
 */
export async function guardCreate(run: () => Promise<string>): Promise<CreateOutcome> {
  try {
    return { kind: 'created', taskId: await run() };
  } catch (error) {
    const unreadable = isSoraError(error) && error.code === 'bad_response' && (error.status ?? 0) < 300;
    if (isResponseLost(error) || unreadable) return { kind: 'uncertain', reason: (error as Error).message };
    throw error;
  }
}

/** The create body (docs/backend-facts.md §4.1) for a spec (web-app field set; null where the web app sends null). */
export function videoBody(spec: GenerationSpec): VideoCreateBody {
  return {
    kind: 'video',
    prompt: spec.prompt,
    orientation: spec.orientation,
    size: spec.size,
    n_frames: spec.nFrames,
    model: spec.model,
    style_id: spec.styleId,
    remix_target_id: spec.remixTargetId,
    inpaint_items: (spec.images ?? []).map((ref) =>
      ref.kind === 'upload' ? { kind: 'upload', upload_id: ref.id } : { kind: 'file', file_id: ref.id },
    ),
    cameo_ids: spec.cameoIds ? [...spec.cameoIds] : null,
    storyboard_id: null,
  };
}
