import type { JobRow } from '../queue/job';
import type { RecentTask } from '../sora/backend';
import { matchesCreate, matchesImage } from '../sora/reconcile';
import type { PipelineDeps } from './context';
import { videoSpec } from './modes/video';

export type TaskMatcher = (task: RecentTask) => boolean;

/**
 * Whether a listed task is what this job's create made: prompt and every echoed parameter, created
 * after its intent (lib/sora/reconcile.ts). Null for jobs whose tasks are not listed anywhere.
 */
export async function matcherFor(deps: PipelineDeps, job: JobRow): Promise<TaskMatcher | null> {
  const intentAt = job.createIntentAt ?? 0;
  if (job.request.kind === 'video') {
    // A job whose spec cannot be built (its character row is gone) matches nothing, rather than
    // failing the shared poll for every job.
    const spec = await videoSpec(deps, job).catch(() => null);
    return spec ? (task) => matchesCreate(task, spec, intentAt) : null;
  }
  if (job.request.kind === 'image') {
    const prompt = job.request.prompt;
    return (task) => matchesImage(task, prompt, intentAt);
  }
  return null;
}
