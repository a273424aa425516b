import type { GenerationSpec, SoraRecentTask as RecentTask } from './backend';

/** Slack for clock skew between this computer and the backend when comparing creation times. */
export const RECONCILE_SKEW_MS = 60_000;

const notBefore = (task: RecentTask, intentAt: number): boolean =>
  task.createdAt === null || task.createdAt >= intentAt - RECONCILE_SKEW_MS;

/**
 * Whether a task the backend lists could be the create whose answer was lost: same prompt, and every
 * parameter the backend echoed (orientation, n_frames, model, style — docs/backend-facts.md §5.1 `creation_config`)
 * equal to what was sent, created no earlier than the intent (less skew). A field the backend left
 * out (or null) does not disqualify: the lists do not always carry it.
 */
export function matchesCreate(task: RecentTask, spec: GenerationSpec, intentAt: number): boolean {
  if (task.prompt !== spec.prompt) return false;
  if (task.orientation != null && task.orientation !== spec.orientation) return false;
  if (task.nFrames != null && task.nFrames !== spec.nFrames) return false;
  if (task.model != null && task.model !== spec.model) return false;
  // A style is compared only when one was asked for: tasks without one may still echo a default.
  if (spec.styleId !== null && task.styleId != null && task.styleId !== spec.styleId) return false;
  return notBefore(task, intentAt);
}

/** The same for an image task (docs/backend-facts.md §5.4 echoes only the prompt and, sometimes, the time). */
export function matchesImage(task: RecentTask, prompt: string, intentAt: number): boolean {
  return task.prompt === prompt && notBefore(task, intentAt);
}
