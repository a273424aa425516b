import { z } from 'zod/mini';
import { MediaRefSchema } from '../prompt/request';

/** Marks our messages so stray messages from other code are ignored, not answered. */
export const RPC_TAG = 'sora-companion/rpc';

const Ids = z.object({
  ids: z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1), z.maxLength(10_000)),
});
const Empty = z.strictObject({});
const JobId = z.string().check(z.minLength(1), z.maxLength(100));
/** Whose library: `sora-session` (the default) or a Videos API connection's id. */
const LibrarySourceId = z.union([
  z.literal('sora-session'),
  z.string().check(z.regex(/^conn_[0-9a-f]{16}$/)),
]);

/** Every background method the UI may call, with its validated params. */
export const RpcRequestSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('enqueue'),
    params: z.object({
      items: z
        .array(
          z.object({
            text: z.string().check(z.maxLength(50_000)),
            model: z.string().check(z.maxLength(100)),
            /** Images for image-to-video / image-to-image (data URLs, or https links the user granted). */
            images: z.optional(z.array(MediaRefSchema).check(z.maxLength(4))),
            /** A video for a character (alone: create it; with text: create it, then generate with it). */
            characterVideo: z.optional(z.nullable(MediaRefSchema)),
            /** That many separate jobs (several results per prompt). */
            count: z.optional(z.int().check(z.gte(1), z.lte(100))),
            /** The connection that runs it (`sora`, the default, or a connection's id). */
            backend: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
            /** The connection's own parameters (`param-*`: `size`, `seconds`, `aspectRatio`, `quality`, `watermark`). */
            params: z.optional(
              z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(200))),
            ),
          }),
        )
        .check(z.minLength(1), z.maxLength(10_000)),
      /** Where the items came from; several items become one batch (a folder of files). */
      source: z.optional(z.enum(['composer', 'paste', 'import', 'template', 'context-menu'])),
      batchName: z.optional(z.string().check(z.maxLength(200))),
    }),
  }),
  z.object({ method: z.literal('cancel'), params: Ids }),
  z.object({ method: z.literal('retry'), params: Ids }),
  z.object({ method: z.literal('pauseAll'), params: Empty }),
  z.object({ method: z.literal('resumeAll'), params: Empty }),
  z.object({ method: z.literal('checkSession'), params: Empty }),
  // The workspace UI (issue 6).
  z.object({ method: z.literal('reorder'), params: z.object({ id: JobId, beforeId: z.nullable(JobId) }) }),
  z.object({
    method: z.literal('editJob'),
    params: z.object({
      id: JobId,
      text: z.string().check(z.maxLength(50_000)),
      model: z.string().check(z.maxLength(100)),
    }),
  }),
  z.object({
    method: z.literal('bulk'),
    params: z.extend(Ids, { action: z.enum(['cancel', 'retry', 'pause', 'resume', 'remove', 'first']) }),
  }),
  z.object({ method: z.literal('undoRemove'), params: z.object({ token: z.uuid() }) }),
  z.object({
    method: z.literal('importFile'),
    params: z.object({
      fileName: z.string().check(z.minLength(1), z.maxLength(300)),
      text: z.string().check(z.maxLength(20_000_000)),
      model: z.string().check(z.maxLength(100)),
      /** The connection for rows that name none (`sora` or absent: the Sora session), and its parameters. */
      backend: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
      params: z.optional(z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(200)))),
    }),
  }),
  z.object({ method: z.literal('exportData'), params: Empty }),
  z.object({ method: z.literal('importData'), params: z.object({ data: z.unknown() }) }),
  z.object({
    method: z.literal('enhancePrompt'),
    params: z.object({
      prompt: z.string().check(z.trim(), z.minLength(1), z.maxLength(10_000)),
      level: z.enum(['short', 'medium', 'long']),
      durationS: z.int().check(z.gte(1), z.lte(25)),
    }),
  }),
  z.object({ method: z.literal('styles'), params: Empty }),
  z.object({ method: z.literal('accountInfo'), params: Empty }),
  z.object({ method: z.literal('mediaLink'), params: z.object({ id: JobId }) }),
  z.object({ method: z.literal('redownload'), params: z.object({ id: JobId }) }),
  // The library and backups (issue 15).
  z.object({
    method: z.literal('libraryRefresh'),
    params: z.object({ source: z.optional(LibrarySourceId) }),
  }),
  z.object({
    method: z.literal('backupStart'),
    params: z.object({
      source: z.optional(LibrarySourceId),
      layout: z.enum(['date', 'kind']),
      pace: z.enum(['polite', 'fast']),
      /** The selection; empty = everything the account holds. */
      itemIds: z.array(z.string().check(z.minLength(1), z.maxLength(200))).check(z.maxLength(100_000)),
    }),
  }),
  // Backend connections (issue 13). The list itself is read from storage (`local:connections`, no secrets).
  z.object({
    method: z.literal('connectionAdd'),
    params: z.object({
      kind: z.enum(['videos-api', 'task-api']),
      baseUrl: z.string().check(z.maxLength(2_000)),
      /** The keys textarea, one per line: sent once, kept by the background, never shown again. */
      keys: z.string().check(z.maxLength(20_000)),
      name: z.optional(z.string().check(z.maxLength(200))),
      authHeader: z.optional(z.enum(['bearer', 'api-key'])),
      sessionOnly: z.optional(z.boolean()),
    }),
  }),
  z.object({
    method: z.literal('connectionRemove'),
    params: z.object({ id: z.string().check(z.minLength(1), z.maxLength(40)) }),
  }),
  z.object({
    method: z.literal('connectionSetConcurrency'),
    params: z.object({
      id: z.string().check(z.minLength(1), z.maxLength(40)),
      concurrency: z.int().check(z.gte(1), z.lte(10)),
    }),
  }),
  z.object({
    method: z.literal('connectionCheck'),
    params: z.object({ id: z.string().check(z.minLength(1), z.maxLength(40)) }),
  }),
  z.object({ method: z.literal('backupPause'), params: Empty }),
  z.object({ method: z.literal('backupResume'), params: Empty }),
  z.object({ method: z.literal('backupCancel'), params: Empty }),
  z.object({
    method: z.literal('backupRetry'),
    params: z.object({
      itemIds: z
        .array(z.string().check(z.minLength(1), z.maxLength(200)))
        .check(z.minLength(1), z.maxLength(100_000)),
    }),
  }),
]);
export type RpcRequest = z.infer<typeof RpcRequestSchema>;
export type RpcMethod = RpcRequest['method'];
export type RpcParams<M extends RpcMethod> = Extract<RpcRequest, { method: M }>['params'];

/** One input that could not be queued, with the reason in plain words. */
export interface RejectedItem {
  index: number;
  code: string;
  message: string;
}

/** What each method returns. */
export interface RpcResults {
  enqueue: { ids: string[]; rejected: RejectedItem[]; warnings: string[] };
  cancel: { changed: number };
  retry: { changed: number };
  pauseAll: { changed: number };
  resumeAll: { changed: number };
  checkSession: { state: 'signed-in' | 'signed-out' };
  reorder: { changed: number };
  /** `error` says why the edit was refused (null: saved). */
  editJob: { error: string | null };
  /** A remove also returns the token that undoes it (for a minute). */
  bulk: { changed: number; undoToken?: string };
  undoRemove: { restored: number };
  importFile: {
    ids: string[];
    rejected: { line: number; reason: string; raw: string; code: string }[];
    warnings: { line: number; message: string }[];
  };
  /** The export file's JSON text. */
  exportData: { json: string };
  importData: {
    added: number;
    skipped: number;
    rejected: { index: number; id: string | null; reason: string }[];
  };
  enhancePrompt: { text: string };
  styles: { styles: { id: string; label: string }[] };
  accountInfo: {
    plan: string | null;
    quota: { remaining: number | null; rateLimitReached: boolean; resetsAt: number | null } | null;
    slots: { used: number; max: number } | null;
  };
  /** A fresh signed link, for playing in the page only (never stored). */
  mediaLink: { url: string };
  redownload: { downloadId: number };
  /** `error` says why the list cannot be read (no host permission, no such connection). */
  libraryRefresh: { scanId: string | null; error: string | null };
  /** `error` says why a backup could not start (one is already running). */
  backupStart: { runId: string | null; error: string | null };
  backupPause: { changed: boolean };
  backupResume: { changed: boolean };
  backupCancel: { changed: boolean };
  backupRetry: { changed: number };
  /** `errors` name the field each problem was entered in (message in plain words, catalogue key). */
  connectionAdd:
    | { ok: true; id: string }
    | { ok: false; errors: { field: string; message: string; messageKey: string }[] };
  connectionRemove: { removed: boolean };
  connectionSetConcurrency: { changed: boolean };
  /** One cheap call; `message` says what it found. */
  connectionCheck: { ok: boolean; message: string };
}

export type RpcResponse<M extends RpcMethod> =
  | { ok: true; result: RpcResults[M] }
  | { ok: false; error: { code: string; message: string } };

/** The wire envelope. */
export const RpcEnvelopeSchema = z.object({ tag: z.literal(RPC_TAG), request: z.unknown() });
