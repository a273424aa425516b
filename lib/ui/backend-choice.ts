import { type Signal, signal } from '@preact/signals';

/** The Sora session's backend id (`backend-select`'s default; the pages need no backend code for it). */
export const SORA_CHOICE = 'sora';

/**
 * Which connection runs the next jobs, one per page (UI contract § Backends, like `model-select`):
 * the backend id, the model named on that connection, and its own `param-*` values.
 */
export interface BackendChoice {
  backend: Signal<string>;
  /** The model on a connection (the Sora model stays in the workspace's `model`). */
  model: Signal<string>;
  params: Signal<Record<string, string>>;
}

/** Fresh choice for one page (and one test): the Sora session. */
export function createBackendChoice(): BackendChoice {
  return { backend: signal(SORA_CHOICE), model: signal(''), params: signal({}) };
}
