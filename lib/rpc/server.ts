import { errorCode, errorMessage } from '../errors';
import {
  RpcEnvelopeSchema,
  type RpcMethod,
  type RpcRequest,
  RpcRequestSchema,
  type RpcResponse,
  type RpcResults,
} from './contract';

/** The handlers the background implements, one per method. */
export type RpcHandlers = {
  [M in RpcMethod]: (params: Extract<RpcRequest, { method: M }>['params']) => Promise<RpcResults[M]>;
};

/** What we need to know about who sent a message. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: unknown;
  frameId?: number;
}

/**
 * Only this extension's own pages may call privileged methods: a content script or web page has a
 * `url` outside the extension origin, another extension has a different `id`.
 */
export function isTrustedSender(sender: SenderLike, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || !sender.url) return false;
  try {
    // protocol + host, not URL.origin: non-special schemes have an opaque origin outside browsers.
    const url = new URL(sender.url);
    return `${url.protocol}//${url.host}` === extensionOrigin;
  } catch {
    return false;
  }
}

function refuse(code: string, message: string): RpcResponse<RpcMethod> {
  return { ok: false, error: { code, message } };
}

/**
 * Handles one raw message. Returns undefined for messages that are not ours (so other listeners may
 * answer), and never throws: every failure becomes an `{ok:false}` answer.
 */
export async function handleRpc(
  message: unknown,
  sender: SenderLike,
  env: { extensionId: string; extensionOrigin: string; handlers: RpcHandlers },
): Promise<RpcResponse<RpcMethod> | undefined> {
  const envelope = RpcEnvelopeSchema.safeParse(message);
  if (!envelope.success) return undefined;
  if (!isTrustedSender(sender, env.extensionId, env.extensionOrigin))
    return refuse('forbidden', 'Sender not allowed.');
  const request = RpcRequestSchema.safeParse(envelope.data.request);
  if (!request.success) return refuse('bad_request', request.error.issues[0]?.message ?? 'Invalid request.');
  try {
    const handler = env.handlers[request.data.method] as (params: unknown) => Promise<RpcResults[RpcMethod]>;
    return { ok: true, result: await handler(request.data.params) };
  } catch (error) {
    return refuse(errorCode(error), errorMessage(error));
  }
}
