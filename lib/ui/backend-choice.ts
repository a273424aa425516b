import { useState } from 'preact/hooks';

/** The Sora session's backend id (`backend-select`'s default; the pages need no backend code for it). */
export const SORA_CHOICE = 'sora';

/** A value a view reads and sets: a signal in the side panel, component state in the popup. */
export interface Box<T> {
  value: T;
}

/**
 * Which connection runs the next jobs, one per page (UI contract § Backends, like `model-select`):
 * the backend id, the model named on that connection, and its own `param-*` values.
 */
export interface BackendChoice {
  backend: Box<string>;
  /** The model on a connection (the Sora model stays in the page's own model state). */
  model: Box<string>;
  params: Box<Record<string, string>>;
}

interface ChoiceState {
  backend: string;
  model: string;
  params: Record<string, string>;
}

/** The popup's choice as component state (the popup loads no signals library). */
export function useBackendChoiceState(): BackendChoice {
  const [state, setState] = useState<ChoiceState>({ backend: SORA_CHOICE, model: '', params: {} });
  const box = <K extends keyof ChoiceState>(key: K): Box<ChoiceState[K]> => ({
    get value() {
      return state[key];
    },
    set value(next) {
      setState((s) => ({ ...s, [key]: next }));
    },
  });
  return { backend: box('backend'), model: box('model'), params: box('params') };
}
