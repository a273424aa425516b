import type { Removed } from './queue-actions';

/** How long a remove can be undone; the UI offers it for less (UNDO_MS). */
export const UNDO_KEEP_MS = 60_000;

/** Removed rows held in the worker's memory, each under a token the UI's "Undo" sends back. */
export interface UndoStore {
  put: (removed: Removed) => string;
  take: (token: string) => Removed | null;
}

/** The store; rows older than UNDO_KEEP_MS are dropped (IndexedDB never keeps them). */
export function createUndoStore(now: () => number = Date.now): UndoStore {
  const held = new Map<string, { at: number; removed: Removed }>();
  const expire = (): void => {
    for (const [token, entry] of held) if (now() - entry.at > UNDO_KEEP_MS) held.delete(token);
  };
  return {
    put(removed) {
      expire();
      const token = crypto.randomUUID();
      held.set(token, { at: now(), removed });
      return token;
    },
    take(token) {
      expire();
      const entry = held.get(token);
      held.delete(token);
      return entry?.removed ?? null;
    },
  };
}
