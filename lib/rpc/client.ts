import { browser } from 'wxt/browser';
import { RPC_TAG, type RpcMethod, type RpcParams, type RpcResponse, type RpcResults } from './contract';

/** Error thrown by `call` when the background refuses; switch on `code`. */
export class RpcError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

/** Calls one background method; the only way the UI talks to the background. */
export async function call<M extends RpcMethod>(method: M, params: RpcParams<M>): Promise<RpcResults[M]> {
  const response = (await browser.runtime.sendMessage({ tag: RPC_TAG, request: { method, params } })) as
    | RpcResponse<M>
    | undefined;
  if (!response) throw new RpcError('no_response', 'The background did not answer.');
  if (!response.ok) throw new RpcError(response.error.code, response.error.message);
  return response.result;
}
