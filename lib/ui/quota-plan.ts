import { MODEL_SPECS, type ModelName } from '../prompt/models';

/** What a batch will use of today's generations, and where it will start waiting for the reset. */
export interface QuotaPlan {
  /** "Video gens" the batch uses (cost per create, docs/backend-facts.md §4.2). */
  uses: number;
  /** Generations left today, as the backend reports them (null: unknown). */
  left: number | null;
  /** 1-based position of the first job that waits for the reset, or null when all fit. */
  firstWaiting: number | null;
  /** How many jobs wait for the reset. */
  waiting: number;
}

/** Generations one job of this model uses (videos per docs/backend-facts.md §4.2; images and text count none). */
export function gensFor(model: string): number {
  const spec = MODEL_SPECS[model as ModelName];
  return spec?.kind === 'video' ? spec.gens : 0;
}

/** Plans a batch against today's quota, in queue order. */
export function planQuota(models: readonly string[], left: number | null): QuotaPlan {
  let used = 0;
  let firstWaiting: number | null = null;
  models.forEach((model, i) => {
    used += gensFor(model);
    if (firstWaiting === null && left !== null && used > left) firstWaiting = i + 1;
  });
  const waiting = firstWaiting === null ? 0 : models.length - firstWaiting + 1;
  return { uses: used, left, firstWaiting, waiting };
}
