import { MODEL_SPECS, type ModelName } from '../prompt/models';

/** Seconds an enhanced prompt is written for: the chosen video model's length, else 10. */
export function enhanceSeconds(model: string): number {
  const spec = MODEL_SPECS[model as ModelName];
  return spec?.kind === 'video' ? spec.durationS : 10;
}
