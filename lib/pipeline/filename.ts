import sanitize from 'sanitize-filename';

/** The default download path: a subfolder of the browser's download folder, a folder per batch. */
export const DEFAULT_FILENAME_TEMPLATE = 'Sora Companion/{batch}/{date}_{prompt}_{id}';

/** Tokens a filename template may use. */
export const TEMPLATE_TOKENS = ['date', 'time', 'batch', 'index', 'prompt', 'model', 'task', 'id'] as const;
export type TemplateToken = (typeof TEMPLATE_TOKENS)[number];

const MAX_SLUG = 48;
const MAX_SEGMENT = 100;
const TOKEN = /\{([a-z]+)\}/g;

/** What a file name can be made of. */
export interface FileNameContext {
  createdAt: number;
  /**
   * The batch's id (null for a single job): files of one batch share a folder. New batches are
   * named by `batchFolder` (first prompt and date); ids from before that are UUIDs.
   */
  batchId: string | null;
  /** 1-based position in the batch. */
  index: number | null;
  prompt: string;
  model: string;
  taskId: string | null;
  jobId: string;
}

/** A short, safe slug of the prompt for file names. */
export function promptSlug(prompt: string): string {
  const slug = prompt
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '')
    .toLowerCase();
  return slug || 'video';
}

/** A batch folder keeps this much of its first prompt's slug. */
const MAX_BATCH_SLUG = 40;
/** Batch ids from before batches were named (random UUIDs): their folder stays `batch-<8 hex>`. */
const UUID_BATCH_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A new batch's id, which is also its folder: the slug of its first prompt and the day it was
 * queued (UTC, as `{date}`), e.g. `owl-at-night_2026-12-02`. Safe as a path segment and bounded;
 * stored on every job of the batch, so the folder stays the same for the whole batch. Two batches
 * that would share it are told apart when stored (lib/db/jobs.ts addJobs: `-2`, `-3`, …).
 */
export function batchFolder(firstPrompt: string, createdAt: number): string {
  const slug = promptSlug(firstPrompt).slice(0, MAX_BATCH_SLUG).replace(/-+$/, '') || 'batch';
  return safeSegment(`${slug}_${new Date(createdAt).toISOString().slice(0, 10)}`);
}

/** Why a template cannot be used (unknown token, absolute path), or null when it is fine. */
export function templateError(template: string): string | null {
  if (template.trim() === '') return 'The template is empty.';
  const unknown = [...template.matchAll(TOKEN)]
    .map((m) => m[1]!)
    .find((t) => !(TEMPLATE_TOKENS as readonly string[]).includes(t));
  if (unknown) return `Unknown token {${unknown}}. Use ${TEMPLATE_TOKENS.map((t) => `{${t}}`).join(', ')}.`;
  return null;
}

function tokenValue(token: TemplateToken, ctx: FileNameContext): string {
  const iso = new Date(ctx.createdAt).toISOString();
  switch (token) {
    case 'date':
      return iso.slice(0, 10);
    case 'time':
      return iso.slice(11, 19).replace(/:/g, '-');
    case 'batch':
      if (!ctx.batchId) return '';
      return UUID_BATCH_ID.test(ctx.batchId) ? `batch-${ctx.batchId.slice(0, 8)}` : ctx.batchId;
    case 'index':
      return ctx.index === null ? '' : String(ctx.index).padStart(3, '0');
    case 'prompt':
      return promptSlug(ctx.prompt);
    case 'model':
      return ctx.model;
    case 'task':
      return ctx.taskId ?? '';
    case 'id':
      return ctx.jobId.slice(0, 8);
  }
}

/** Windows device names, refused as a file or folder name whatever follows the first dot. */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** One path segment made safe: no separators, no reserved names, no leading dots, bounded length. */
function safeSegment(segment: string, max = MAX_SEGMENT): string {
  const cleaned = sanitize(segment, { replacement: '_' })
    .replace(/[_\s-]{2,}/g, (run) => run[0]!)
    .replace(/^[._\s-]+|[._\s-]+$/g, '')
    .slice(0, max)
    .replace(/[._\s-]+$/, '');
  return RESERVED.test(cleaned.split('.')[0]!) ? `_${cleaned}`.slice(0, max) : cleaned;
}

/**
 * The job's download path relative to the browser's download folder. Its file name always ends
 * with the job id (kept whole when the name is shortened, appended when the template lacks `{id}`):
 * recovery finds an existing download by it instead of starting a second one. Never absolute, never
 * `..`, never a reserved name, never empty.
 */
export function renderFileName(template: string, ctx: FileNameContext, extension = 'mp4'): string {
  const id = ctx.jobId.slice(0, 8);
  const source = templateError(template) === null ? template : DEFAULT_FILENAME_TEMPLATE;
  const filled = source.replace(TOKEN, (_m, token: TemplateToken) =>
    tokenValue(token, ctx).replace(/[\\/]/g, '-'),
  );
  const parts = filled.split(/[\\/]+/);
  const folders = parts
    .slice(0, -1)
    .map((segment) => safeSegment(segment))
    .filter((s) => s.length > 0);
  const last = safeSegment(parts[parts.length - 1] ?? '');
  const name = last.includes(id)
    ? last
    : safeSegment(last ? `${last.slice(0, MAX_SEGMENT - id.length - 1)}_${id}` : `video_${id}`);
  return [...folders, `${name}.${extension}`].join('/');
}

/** Escapes a string for use inside a RegExp (downloads.search `filenameRegex`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
