import { z } from 'zod/mini';
import { UploadRefSchema } from '../queue/job';

/** Per-job history, shown in the logs view. */
export const EventRowSchema = z.object({
  id: z.optional(z.int()),
  jobId: z.string(),
  at: z.number(),
  type: z.string(),
  status: z.string(),
  detail: z.nullable(z.string()),
});
export type EventRow = z.infer<typeof EventRowSchema>;

/** One masked backend call (lib/sora/http.ts); pruned to the newest rows. */
export const RequestLogRowSchema = z.object({
  id: z.optional(z.int()),
  at: z.number(),
  method: z.string(),
  url: z.string(),
  status: z.int(),
  durationMs: z.number(),
  errorCode: z.nullable(z.string()),
});
export type RequestLogRow = z.infer<typeof RequestLogRowSchema>;

/** A group of jobs queued together (a paste, an import, a template expansion). */
export const BatchRowSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  source: z.enum(['composer', 'paste', 'import', 'template', 'context-menu', 'restore']),
  name: z.string().check(z.maxLength(200)),
  total: z.int().check(z.nonnegative()),
});
export type BatchRow = z.infer<typeof BatchRowSchema>;

/**
 * A finished job's result. Keeps ids and the media expiry, never the signed media URL (its signature
 * is a credential): the link is re-resolved from the generation id when needed.
 */
export const ResultRowSchema = z.object({
  jobId: z.string(),
  kind: z.enum(['video', 'image', 'text', 'character']),
  taskId: z.nullable(z.string()),
  generationId: z.nullable(z.string()),
  mediaExpiresAt: z.nullable(z.number()),
  downloadId: z.nullable(z.int()),
  fileName: z.nullable(z.string()),
  /** Small cached thumbnail for the gallery (bounded; never the video). */
  thumbnail: z.nullable(z.instanceof(Blob)),
  /** The result of a text job (prompt enhancement). */
  text: z.nullable(z.string()),
  createdAt: z.number(),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

/** Largest user-provided input kept until it is uploaded (then the row is dropped). */
export const MAX_INPUT_BYTES = 100 * 1024 * 1024;

/**
 * A user-provided image or video waiting to be uploaded. Jobs refer to it as `sora-input:<id>`;
 * several jobs (a count > 1) share one row and one upload. Dropped once no unfinished job needs it.
 */
export const InputRowSchema = z.object({
  id: z.string(),
  jobIds: z.array(z.string()).check(z.minLength(1)),
  kind: z.enum(['image', 'video']),
  mime: z.string(),
  size: z.int().check(z.nonnegative(), z.lte(MAX_INPUT_BYTES)),
  data: z.instanceof(Blob),
  /** Set after the first upload: every job sharing this input reuses it instead of uploading again. */
  upload: z.nullable(UploadRefSchema),
  createdAt: z.number(),
});

/** A character (cameo) the user created; picked in the composer as `@username` (docs/backend-facts.md §4.9). */
export const CharacterRowSchema = z.object({
  characterId: z.string(),
  cameoId: z.string(),
  username: z.string(),
  displayName: z.string(),
  /** The job that created it. */
  jobId: z.string(),
  /** Small avatar for the characters list (bounded). */
  avatar: z.nullable(z.instanceof(Blob)),
  createdAt: z.number(),
});
export type CharacterRow = z.infer<typeof CharacterRowSchema>;
export type InputRow = z.infer<typeof InputRowSchema>;
