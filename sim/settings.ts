import { z } from 'zod';
import type { SimSettings } from './types';

const DAY_MS = 86_400_000;

/** Defaults; each one cites the fact it follows where there is one. */
export const DEFAULT_SETTINGS: Readonly<SimSettings> = Object.freeze({
  renderMs: 6000,
  draftLagMs: 0,
  imageRenderMs: 2000,
  cameoRenderMs: 3000,
  tokenTtlMs: 8 * DAY_MS, // docs/backend-facts.md §2.2 "~8 days"
  reissueTokenOnPageLoadOnly: true, // docs/backend-facts.md §2.2 SV observation
  sentinelTtlMs: 10 * 60_000,
  sentinelSdk: 'ok',
  concurrencyCap: 3, // docs/backend-facts.md §7.2
  dailyQuota: 100,
  resetsInSeconds: 86_400, // docs/backend-facts.md §7.1: rolling 24 h window
  mediaBytes: 65_536,
  mediaUrlTtlMs: 3 * DAY_MS, // docs/backend-facts.md §6.3
  contentPolicyPattern: null,
  plan: 'chatgpt_plus',
});

const nonNeg = z.number().finite().nonnegative();

/** zod schema for a partial settings update (control API and set()). */
export const SettingsPatchSchema = z
  .object({
    renderMs: nonNeg,
    draftLagMs: nonNeg,
    imageRenderMs: nonNeg,
    cameoRenderMs: nonNeg,
    tokenTtlMs: nonNeg,
    reissueTokenOnPageLoadOnly: z.boolean(),
    sentinelTtlMs: nonNeg,
    sentinelSdk: z.enum(['ok', 'missing']),
    concurrencyCap: z.number().int().nonnegative(),
    dailyQuota: z.number().int().nonnegative(),
    resetsInSeconds: nonNeg,
    mediaBytes: z.number().int().nonnegative(),
    mediaUrlTtlMs: nonNeg,
    contentPolicyPattern: z.string().min(1).nullable(),
    plan: z.enum(['chatgpt_free', 'chatgpt_plus', 'chatgpt_pro']),
  })
  .strict()
  .partial();

/** Validates a patch and returns the merged settings; throws a readable error on bad input. */
export function mergeSettings(base: SimSettings, patch: unknown): SimSettings {
  const parsed = SettingsPatchSchema.safeParse(patch);
  if (!parsed.success) throw new Error(`Invalid sim settings: ${z.prettifyError(parsed.error)}`);
  const clean = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  return { ...base, ...clean };
}
