import type { ApiLogEntry, FetchLike } from '@/lib/backends/http';
import { createSimFetch } from '@/sim';

/** Node fetch that trusts a backend simulator's certificate, plus a request-log sink. */
export function simDeps(
  sim: { port: number; hosts: readonly string[]; certPem: string },
  timeoutMs = 25_000,
) {
  const f = createSimFetch(sim);
  const log: ApiLogEntry[] = [];
  const fetch: FetchLike = (input, init) => f(input, init);
  return { fetch, now: () => Date.now(), log: (e: ApiLogEntry) => void log.push(e), entries: log, timeoutMs };
}

export const wait = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `done` holds (or fails after `ms`). */
export async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met in ${ms} ms; last: ${JSON.stringify(v)}`);
    await wait(50);
  }
}

/** The rejection of `p` (fails the test when `p` resolves). */
export async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  const outcome = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(outcome instanceof Error)) throw new Error(`expected a rejection, got ${String(outcome)}`);
  return outcome as Error & Record<string, unknown>;
}
