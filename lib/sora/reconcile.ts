import type { GenerationSpec, RecentTask } from './backend';

/** Slack for clock skew between this computer and the backend when comparing creation times. */
export const RECONCILE_SKEW_MS = 60_000;

/**
 * Whether a task the backend lists could be the create whose answer was lost: same prompt, and every
 * parameter the backend echoed (orientation, n_frames, model — docs/backend-facts.md §5.1 `creation_config`) equal to
 * what was sent, created no earlier than the intent (less skew). Unknown fields do not disqualify.
 */
export function matchesCreate(task: RecentTask, spec: GenerationSpec, intentAt: number): boolean {
  if (task.prompt !== spec.prompt) return false;
  if (task.orientation != null && task.orientation !== spec.orientation) return false;
  if (task.nFrames != null && task.nFrames !== spec.nFrames) return false;
  if (task.model != null && task.model !== spec.model) return false;
  return task.createdAt === null || task.createdAt >= intentAt - RECONCILE_SKEW_MS;
}
