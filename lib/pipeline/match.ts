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
    const spec = await videoSpec(deps, job);
    return (task) => matchesCreate(task, spec, intentAt);
  }
  if (job.request.kind === 'image') {
    const prompt = job.request.prompt;
    return (task) => matchesImage(task, prompt, intentAt);
  }
  return null;
}
