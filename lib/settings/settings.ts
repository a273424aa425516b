import { z } from 'zod/mini';
import { DEFAULT_FILENAME_TEMPLATE, templateError } from '../pipeline/filename';
import { SORA_CONCURRENCY_CAP } from '../sora/declared';

/** User settings, validated on every read (stored rows are a boundary too). */
export const SettingsSchema = z.object({
  /** Most jobs generating at once; the backend allows its cap per account (docs/backend-facts.md §7.2). */
  concurrency: z._default(z.int().check(z.gte(1), z.lte(SORA_CONCURRENCY_CAP)), SORA_CONCURRENCY_CAP),
  /** Seconds between status checks; the web app polls every 2–3 s (docs/backend-facts.md §5.5). */
  pollIntervalSec: z._default(z.number().check(z.gte(1), z.lte(60)), 3),
  autoDownload: z._default(z.boolean(), true),
  /** Download path template, relative to the browser's download folder (see lib/pipeline/filename.ts). */
  filenameTemplate: z._default(
    z.string().check(
      z.maxLength(300),
      z.refine((t) => templateError(t) === null, { message: 'Invalid filename template.' }),
    ),
    DEFAULT_FILENAME_TEMPLATE,
  ),
  /** Save a `.json` next to each video with its prompt and parameters. */
  sidecar: z._default(z.boolean(), false),
  /** Notify when a job finishes or fails. */
  notifications: z._default(z.boolean(), false),
  /** Optional completion webhook (the user's own URL): receives a JSON POST per finished job. */
  webhookUrl: z._default(z.union([z.literal(''), z.url({ protocol: /^https?$/ })]), ''),
  theme: z._default(z.enum(['system', 'light', 'dark']), 'system'),
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
