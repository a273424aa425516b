import { z } from 'zod/mini';

/** The kinds of things an account holds (UI contract `data-kind`). */
export const LIBRARY_KINDS = ['draft', 'post', 'character', 'video'] as const;
export type LibraryKind = (typeof LIBRARY_KINDS)[number];

/** Parameters kept for the sidecar: plain values only, so no link can hide in them. */
export const ParametersSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);

/**
 * One item of the account's library as last listed. No signed link is ever stored (a link's
 * signature is a credential, docs/backend-facts.md §6.3): the file is resolved afresh when it is saved.
 */
export const LibraryItemRowSchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(200)),
  kind: z.enum(LIBRARY_KINDS),
  /** The connection it was listed from (`sora-session`, later a Videos API connection's id). */
  source: z.string(),
  origin: z.enum(['here', 'elsewhere']),
  prompt: z.string(),
  model: z.nullable(z.string()),
  createdAt: z.number(),
  durationS: z.nullable(z.number()),
  width: z.nullable(z.number()),
  height: z.nullable(z.number()),
  /** The generation behind it (a post's attachment): how "made here" is recognised. */
  generationId: z.nullable(z.string()),
  /** Why there is no file to save (a refused draft), null when there is one. */
  noFileReason: z.nullable(z.string()),
  parameters: ParametersSchema,
  /** Small still for the view (bounded; never the video). */
  thumbnail: z.nullable(z.instanceof(Blob)),
  /** The scan that last saw it; an item a finished scan did not see was removed from the account. */
  seenScan: z.string(),
  goneAt: z.nullable(z.number()),
});
export type LibraryItemRow = z.infer<typeof LibraryItemRowSchema>;

/** The walk of one list (drafts, posts, …) page by page; resumable after the worker stops. */
export const LibraryScanRowSchema = z.object({
  list: z.string(),
  source: z.string(),
  scanId: z.string(),
  state: z.enum(['scanning', 'done', 'failed']),
  cursor: z.nullable(z.string()),
  pages: z.int().check(z.nonnegative()),
  seen: z.int().check(z.nonnegative()),
  startedAt: z.number(),
  finishedAt: z.nullable(z.number()),
  /** Not before this time (the backend's Retry-After, or a backoff). */
  waitUntil: z.number(),
  attempts: z.int().check(z.nonnegative()),
  error: z.nullable(z.string()),
});
export type LibraryScanRow = z.infer<typeof LibraryScanRowSchema>;

export const BACKUP_LAYOUTS = ['date', 'kind'] as const;
export type BackupLayout = (typeof BACKUP_LAYOUTS)[number];

/** One backup: what it covers, how fast it goes, where it is. */
export const BackupRunRowSchema = z.object({
  id: z.string(),
  /** The source it backs up (a connection's id); absent on runs from before, which were the Sora session's. */
  source: z.optional(z.string()),
  createdAt: z.number(),
  state: z.enum(['listing', 'running', 'paused', 'canceled', 'done']),
  /** What a paused run goes back to. */
  resumeTo: z.nullable(z.enum(['listing', 'running'])),
  layout: z.enum(BACKUP_LAYOUTS),
  /** Least time between two starts (items or list pages). */
  paceMs: z.int().check(z.nonnegative()),
  /** Most files downloading at once. */
  concurrency: z.int().check(z.gte(1), z.lte(4)),
  /** Item ids to back up; null = everything the account holds. */
  selection: z.nullable(z.array(z.string())),
  scanId: z.nullable(z.string()),
  bytes: z.number().check(z.nonnegative()),
  /** Time spent running (not paused, not waiting for the worker), for speed and time left. */
  activeMs: z.number().check(z.nonnegative()),
  lastTickAt: z.nullable(z.number()),
  nextStartAt: z.number(),
  waitUntil: z.number(),
  /** Items already saved by an earlier backup, so skipped. */
  skipped: z.int().check(z.nonnegative()),
  message: z.nullable(z.string()),
  finishedAt: z.nullable(z.number()),
});
export type BackupRunRow = z.infer<typeof BackupRunRowSchema>;

export const BACKUP_ITEM_STATES = ['waiting', 'downloading', 'saved', 'done', 'failed', 'gone'] as const;
export type BackupItemState = (typeof BACKUP_ITEM_STATES)[number];

/**
 * One item of one backup. `fileName` is recorded before the download starts and `downloadId` right
 * after: a worker stopped in between finds the download again by its unique name.
 */
export const BackupItemRowSchema = z.object({
  id: z.string(),
  runId: z.string(),
  itemId: z.string(),
  kind: z.enum(LIBRARY_KINDS),
  state: z.enum(BACKUP_ITEM_STATES),
  fileName: z.nullable(z.string()),
  downloadId: z.nullable(z.int()),
  attempts: z.int().check(z.nonnegative()),
  nextRunAt: z.number(),
  bytes: z.number().check(z.nonnegative()),
  /** Why it failed or is gone, in plain words. */
  reason: z.nullable(z.string()),
  finishedAt: z.nullable(z.number()),
});
export type BackupItemRow = z.infer<typeof BackupItemRowSchema>;

/** The source a backup run backs up (runs from before `source` existed were the Sora session's). */
export const runSource = (run: Pick<BackupRunRow, 'source'>): string => run.source ?? 'sora-session';

/** The id of one item's row in one backup. */
export const backupItemKey = (runId: string, itemId: string): string => `${runId}/${itemId}`;
