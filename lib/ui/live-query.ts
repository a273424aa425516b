import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Subscribes a component to a Dexie query; it re-runs when the background writes the tables it read
 * (Dexie propagates changes across extension contexts).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: readonly unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error: unknown) => console.warn('[sora-companion] live query failed', error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
