import { z } from 'zod';

/** Marks our messages so stray messages from other code are ignored, not answered. */
export const RPC_TAG = 'sora-companion/rpc';

const Ids = z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(10_000) });
const Empty = z.object({}).strict();

/** Every background method the UI may call, with its validated params. */
export const RpcRequestSchema = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('enqueue'),
    params: z.object({
      items: z
        .array(z.object({ text: z.string().max(50_000), model: z.string().max(100) }))
        .min(1)
        .max(10_000),
      /** Where the items came from; several items become one batch (a folder of files). */
      source: z.enum(['composer', 'paste', 'import', 'template', 'context-menu']).optional(),
      batchName: z.string().max(200).optional(),
    }),
  }),
  z.object({ method: z.literal('cancel'), params: Ids }),
  z.object({ method: z.literal('retry'), params: Ids }),
  z.object({ method: z.literal('pauseAll'), params: Empty }),
  z.object({ method: z.literal('resumeAll'), params: Empty }),
  z.object({ method: z.literal('checkSession'), params: Empty }),
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
}

export type RpcResponse<M extends RpcMethod> =
  | { ok: true; result: RpcResults[M] }
  | { ok: false; error: { code: string; message: string } };

/** The wire envelope. */
export const RpcEnvelopeSchema = z.object({ tag: z.literal(RPC_TAG), request: z.unknown() });
