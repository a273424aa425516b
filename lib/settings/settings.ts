import { z } from 'zod';
import { DEFAULT_FILENAME_TEMPLATE, templateError } from '../pipeline/filename';
import { SORA_CONCURRENCY_CAP } from '../sora/declared';

/** User settings, validated on every read (stored rows are a boundary too). */
export const SettingsSchema = z.object({
  /** Most jobs generating at once; the backend allows its cap per account (docs/backend-facts.md §7.2). */
  concurrency: z.number().int().min(1).max(SORA_CONCURRENCY_CAP).default(SORA_CONCURRENCY_CAP),
  /** Seconds between status checks; the web app polls every 2–3 s (docs/backend-facts.md §5.5). */
  pollIntervalSec: z.number().min(1).max(60).default(3),
  autoDownload: z.boolean().default(true),
  /** Download path template, relative to the browser's download folder (see lib/pipeline/filename.ts). */
  filenameTemplate: z
    .string()
    .max(300)
    .refine((t) => templateError(t) === null, { message: 'Invalid filename template.' })
    .default(DEFAULT_FILENAME_TEMPLATE),
  /** Save a `.json` next to each video with its prompt and parameters. */
  sidecar: z.boolean().default(false),
  /** Notify when a job finishes or fails. */
  notifications: z.boolean().default(false),
  /** Optional completion webhook (the user's own URL): receives a JSON POST per finished job. */
  webhookUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).default(''),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

/** Parses stored settings, falling back field by field to defaults rather than losing the rest. */
export function parseSettings(value: unknown): Settings {
  const parsed = SettingsSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const input = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) {
    const field = SettingsSchema.shape[key as keyof Settings].safeParse(input[key]);
    if (field.success) merged[key] = field.data;
  }
  return SettingsSchema.parse(merged);
}
