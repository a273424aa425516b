import type { Connection, ConnectionKey } from './schema';

/** Keys no job should use right now. */
export const usableKeys = (c: Connection): ConnectionKey[] => c.keys.filter((k) => k.setAside === null);

/**
 * Round robin over the keys not set aside (the sora2api seed's "token management"): the one after
 * `lastKeyId`, wrapping; null when every key is set aside.
 */
export function nextKey(c: Connection, lastKeyId: string | null): ConnectionKey | null {
  const usable = usableKeys(c);
  if (usable.length === 0) return null;
  const order = c.keys.map((k) => k.id);
  const last = lastKeyId ? order.indexOf(lastKeyId) : -1;
  for (let step = 1; step <= order.length; step++) {
    const id = order[(last + step + order.length) % order.length];
    const key = usable.find((k) => k.id === id);
    if (key) return key;
  }
  return usable[0] ?? null;
}

/** Remembers the last key each connection used, so creates rotate; the worker may forget it on restart. */
export function createKeyRotation() {
  const last = new Map<string, string>();
  return {
    /** The key the next create on `c` should use (and records it). */
    take(c: Connection): ConnectionKey | null {
      const key = nextKey(c, last.get(c.id) ?? null);
      if (key) last.set(c.id, key.id);
      return key;
    },
  };
}

/** What a connection is, for the options page and the account bar (the UI contract's `backend-item` `data-state`). */
export function keysState(c: Connection): { state: 'ready' } | { state: 'error'; reason: string } {
  if (usableKeys(c).length > 0) return { state: 'ready' };
  const reasons = [...new Set(c.keys.map((k) => k.setAside?.reason).filter(Boolean))];
  return { state: 'error', reason: `Every key is set aside: ${reasons.join('; ')}` };
}
