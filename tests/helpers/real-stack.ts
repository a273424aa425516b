import { vi } from 'vitest';
import { addJobs } from '@/lib/db/jobs';
import { SoraDb } from '@/lib/db/schema';
import { createEngine } from '@/lib/pipeline/engine';
import { createTicker } from '@/lib/pipeline/tick';
import type { JobRow } from '@/lib/queue/job';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/settings';
import { soraOnBoundary } from '@/lib/sora/neutral';
import type { TokenStore } from '@/lib/sora/session';
import { createStack, fixture, json, jwt, routeFetch } from '../sora/helpers';
import { createFakeDownloads } from './fake-downloads';

export type Routes = Parameters<typeof routeFetch>[0];

/**
 * The worker's pipeline (ticker + engine) over the REAL client stack (http → session → sentinel →
 * client → backend) and a scripted fetch, on fake timers: the test advances time with
 * `vi.advanceTimersByTimeAsync` and the engine ticks every `pollIntervalSec` as in the worker.
 * `sent(route)` says when each request to a route ("METHOD /path") left.
 */
export function createRealPipeline(
  routes: Routes,
  opts: {
    settings?: Partial<Settings>;
    random?: () => number;
    httpRandom?: () => number;
    /** Routes whose first N requests never answer (until the client aborts them, as fetch does). */
    hangs?: Record<string, number>;
    store?: TokenStore;
  } = {},
) {
  const hangs = { ...opts.hangs };
  const session = () =>
    json(200, { ...(fixture('session') as object), accessToken: jwt(Date.now() + 8 * 86_400_000) });
  const f = routeFetch({ 'GET /api/auth/session': session, ...routes });
  const requests: { key: string; at: number; init: RequestInit }[] = [];
  const fetch = (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const host = url.host === 'sora.chatgpt.com' ? '' : url.host;
    const key = `${init.method ?? 'GET'} ${host}${url.pathname}`;
    requests.push({ key, at: Date.now(), init });
    if ((hangs[key] ?? 0) > 0) {
      hangs[key]!--;
      return new Promise((_resolve, reject) =>
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    }
    return f.fetch(input, init);
  };
  const stack = createStack({
    fetch,
    now: () => Date.now(),
    ...(opts.httpRandom ? { random: opts.httpRandom } : {}),
    ...(opts.store ? { store: opts.store } : {}),
  });
  const db = new SoraDb(`real-pipeline-${crypto.randomUUID()}`);
  const downloads = createFakeDownloads();
  const settings: Settings = { ...DEFAULT_SETTINGS, pollIntervalSec: 3, ...opts.settings };
  const errors: unknown[] = [];
  const ticker = createTicker({
    db,
    backend: soraOnBoundary(stack.backend),
    downloads: downloads.port,
    settings: async () => settings,
    now: () => Date.now(),
    random: opts.random ?? (() => 0.5),
    publishAccount: async () => undefined,
    hasHostAccess: async () => true,
    fetchThumbnail: async () => null,
  });
  let ticking: Promise<unknown> | null = null;
  const engine = createEngine({
    tick: async () => {
      const run = ticker.tick();
      ticking = run
        .catch(() => undefined)
        .then(() => {
          ticking = null;
        });
      const result = await run;
      downloads.complete();
      return result;
    },
    intervalMs: async () => settings.pollIntervalSec * 1000,
    onError: (error) => errors.push(error),
    setTimer: (fn, ms) => setTimeout(fn, ms),
  });
  /**
   * fake-indexeddb works on (real) setImmediate, so a tick's database steps need real turns: let a
   * running tick finish unless it waits on a (fake) timer, e.g. a request that hangs until its timeout.
   */
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 500 && ticking; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  /** Advances the fake clock by `ms` in `step`s, letting each tick run to its end in between. */
  const advance = async (ms: number, step = 100): Promise<void> => {
    for (let t = 0; t < ms; t += step) {
      await vi.advanceTimersByTimeAsync(Math.min(step, ms - t));
      await settle();
    }
  };
  const sent = (route: string): number[] => requests.filter((r) => r.key === route).map((r) => r.at);
  const start = async (jobs: JobRow[]): Promise<void> => {
    await addJobs(db, jobs);
    void engine.kick();
    await settle();
  };
  const job = async (id: string): Promise<JobRow> => {
    const row = await db.jobs.get(id);
    if (!row) throw new Error(`no job ${id}`);
    return row;
  };
  return {
    ...stack,
    db,
    downloads,
    engine,
    errors,
    requests,
    sent,
    start,
    job,
    advance,
    settle,
    calls: f.calls,
  };
}
