import type { RecentTask } from '../backend/backend';
import type { JobRow } from '../queue/job';
import type { PipelineDeps } from './context';
import { videoSpec } from './modes/video';

export type TaskMatcher = (task: RecentTask) => boolean;

/**
 * Whether a listed task is what this job's create made: prompt and every echoed parameter, created
 * after its intent: the backend's own `recover.matches`. Null when the backend lists no such tasks.
 */
export async function matcherFor(deps: PipelineDeps, job: JobRow): Promise<TaskMatcher | null> {
  const intentAt = job.createIntentAt ?? 0;
  const recover = deps.backend.recover;
  if (!recover) return null;
  if (job.request.kind === 'video') {
    // A job whose spec cannot be built (its character row is gone) matches nothing, rather than
    // failing the shared poll for every job.
    const spec = await videoSpec(deps, job, { images: false }).catch(() => null);
    return spec ? (task) => recover.matches(task, spec, intentAt) : null;
  }
  const matchesImage = recover.matchesImage;
  if (job.request.kind === 'image' && matchesImage) {
    const prompt = job.request.prompt;
    return (task) => matchesImage(task, prompt, intentAt);
  }
  return null;
}
