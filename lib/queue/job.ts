import { z } from 'zod/mini';
import { SORA_BACKEND_ID } from '../backend/ids';
import { JobRequestSchema } from '../prompt/request';
import { JOB_STATUSES } from './status';

/** An uploaded input as the backend's creates refer to it (lib/backend/backend.ts UploadRef). */
export const UploadRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upload'), id: z.string().check(z.minLength(1)) }),
  z.object({
    kind: z.literal('file'),
    id: z.string().check(z.minLength(1)),
    assetPointer: z.nullable(z.string()),
  }),
]);

export const JobErrorSchema = z.object({ code: z.string(), message: z.string() });
export type JobError = z.infer<typeof JobErrorSchema>;

const DownloadSchema = z.object({ fileName: z.string(), downloadId: z.nullable(z.number()) });

/**
 * A create whose answer was lost, being looked for: when the answer was lost (timeout, cut
 * connection, worker death past its lease), since when the current look-out runs (it starts again
 * after the lists could not be read) and how many complete looks it has had.
 */
export const ReconcileSchema = z.object({
  lostAt: z.number(),
  since: z.number(),
  looks: z.int().check(z.nonnegative()),
});
export type Reconcile = z.infer<typeof ReconcileSchema>;

/**
 * A second task the backend made for this one job (Chromium silently resends a POST whose reused
 * connection closed before any answer byte): followed and saved as another result of the same job.
 */
export const ExtraResultSchema = z.object({
  taskId: z.string().check(z.minLength(1)),
  foundAt: z.number(),
  state: z.enum(['generating', 'ready', 'downloading', 'completed', 'failed']),
  generationId: z.nullable(z.string()),
  /** Intent (the extra's own job-unique file name), then the browser's download id. */
  download: z.nullable(DownloadSchema),
  attempts: z.int().check(z.nonnegative()),
  error: z.nullable(JobErrorSchema),
});
export type ExtraResult = z.infer<typeof ExtraResultSchema>;

/** The name chosen for a character before finalize is sent: after a crash it is looked up, not redone. */
export const FinalizeIntentSchema = z.object({
  cameoId: z.string().check(z.minLength(1)),
  username: z.string().check(z.minLength(1)),
  displayName: z.string().check(z.minLength(1)),
  at: z.number(),
});

/** A stored job row. Leases, attempts and next-run times live on the row so a killed worker loses nothing. */
export const JobRowSchema = z.object({
  id: z.string().check(z.minLength(1)),
  batchId: z.nullable(z.string()),
  /** 1-based position in its batch (file names use it); null for a single job. */
  batchIndex: z.nullable(z.int().check(z.positive())),
  /** Queue order (lower runs first); reordering rewrites it. */
  seq: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.int().check(z.nonnegative()),
  status: z.enum(JOB_STATUSES),
  /** The backend that runs this job: `sora` (the session) or a connection's id (schema v3). */
  backendId: z.string().check(z.minLength(1)),
  /** What the user entered, kept for display, search, edit and retry. */
  input: z.object({ text: z.string(), model: z.string() }),
  /** The parsed, validated request (lib/prompt). */
  request: JobRequestSchema,
  /** Inputs already uploaded for this job, in the order of `request.images`. */
  uploads: z.array(UploadRefSchema),
  /** Another job that must complete first (a character before the video that uses it). */
  dependsOn: z.nullable(z.string()),
  attempts: z.int().check(z.nonnegative()),
  nextRunAt: z.number(),
  leaseUntil: z.nullable(z.number()),
  /** Intent recorded before a create: after a crash the create is reconciled, never repeated blindly. */
  createIntentAt: z.nullable(z.number()),
  taskId: z.nullable(z.string()),
  generationId: z.nullable(z.string()),
  progress: z.number().check(z.gte(0), z.lte(100)),
  /** Intent recorded before a download (the job-unique file name), then the browser's download id. */
  download: z.nullable(DownloadSchema),
  /** When a daily limit holds: the reset time. */
  waitUntil: z.nullable(z.number()),
  error: z.nullable(JobErrorSchema),
  finishedAt: z.nullable(z.number()),
  /** While an uncertain create is looked for (status `reconciling`). */
  reconcile: z.nullable(ReconcileSchema),
  /** Further tasks the backend made for this job; each is another result of it. */
  extras: z.array(ExtraResultSchema),
  /** A character's finalize, recorded before it is sent. */
  finalizeIntent: z.nullable(FinalizeIntentSchema),
});
export type JobRow = z.infer<typeof JobRowSchema>;

/** A fresh queued row for a parsed request: what the user entered, and nothing learned yet. */
export function createJobRow(
  input: { text: string; model: string; backendId?: string },
  request: JobRow['request'],
  seq: number,
  now: number,
  dependsOn: string | null = null,
): JobRow {
  return {
    id: crypto.randomUUID(),
    batchId: null,
    batchIndex: null,
    seq,
    createdAt: now,
    updatedAt: now,
    version: 0,
    status: 'queued',
    backendId: input.backendId ?? SORA_BACKEND_ID,
    input: { text: input.text, model: input.model },
    request,
    uploads: [],
    dependsOn,
    attempts: 0,
    nextRunAt: now,
    leaseUntil: null,
    createIntentAt: null,
    taskId: null,
    generationId: null,
    progress: 0,
    download: null,
    waitUntil: null,
    error: null,
    finishedAt: null,
    reconcile: null,
    extras: [],
    finalizeIntent: null,
  };
}
