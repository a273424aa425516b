import type { Backend } from '../backend/backend';
import { REQUEST_TIMEOUT_MS } from '../backend/timeouts';
import type { ApiHttpDeps } from '../backends/http';
import { type ConnectionStore, createConnectionStore } from '../connections/store';
import { openDb, type SoraDb } from '../db/schema';
import { errorMessage } from '../errors';
import type { AccountStatus } from '../pipeline/context';
import { createEngine } from '../pipeline/engine';
import { createThumbnailFetcher } from '../pipeline/thumbnail';
import { createTicker } from '../pipeline/tick';
import { createBrowserDownloads, type DownloadsPort } from '../platform/downloads';
import { hasHostAccess } from '../platform/permissions';
import { createSignalPorts } from '../platform/signals';
import { createSoraTab, soraTabStatusItem } from '../platform/sora-tab';
import { accountItem, dbErrorItem, readSettings } from '../settings/items';
import type { FullBackend } from '../sora/backend';
import { createSoraClient } from '../sora/client';
import { createHttp, type RequestLogEntry } from '../sora/http';
import { maskText } from '../sora/mask';
import { fetchSignedMedia } from '../sora/media-fetch';
import { soraOnBoundary } from '../sora/neutral';
import { createSentinel } from '../sora/sentinel';
import { createSession } from '../sora/session';
import { createSoraBackend } from '../sora/sora-backend';
import { afterTick } from './after-tick';
import { createConnectionTickers } from './connection-tickers';
import { createLibraryServices, type LibraryServices } from './library';
import { createLibrarySources } from './library-sources';
import { tokenItem } from './token-item';

/** The request log keeps this many rows. */
const REQUEST_LOG_LIMIT = 2_000;

export interface Services {
  db: SoraDb;
  /** The Sora session in its own terms: account, plan, quota, styles, models, enhance (RPC handlers). */
  sora: FullBackend;
  /** The backend the queue runs on, on the boundary (lib/backend). */
  backend: Backend;
  /** The user's other backends (issue 13): connections without secrets, keys kept apart. */
  connections: ConnectionStore;
  /** The backend a job runs on, by its `backendId` (null: a connection since removed). */
  backendOf: (id: string) => Promise<Backend | null>;
  /** What the API backends' clients send requests with (the same request log as Sora's). */
  apiHttp: ApiHttpDeps;
  downloads: DownloadsPort;
  kick: () => Promise<void>;
  /** The library and backups (issue 15): a separate step with its own engine. */
  library: LibraryServices;
  publishAccount: (status: AccountStatus) => Promise<void>;
}

/**
 * The request log: diagnostics only, so a failed write (a full disk, docs/reliability.md §11) is dropped rather
 * than left as an unhandled rejection.
 */
export function createRequestLogSink(db: SoraDb): (entry: RequestLogEntry) => void {
  let writes = 0;
  return (entry) => {
    void db.requestLog
      .add(entry)
      .then(async () => {
        if (++writes % 200 !== 0) return;
        const count = await db.requestLog.count();
        if (count > REQUEST_LOG_LIMIT)
          await db.requestLog
            .orderBy('id')
            .limit(count - REQUEST_LOG_LIMIT)
            .delete();
      })
      .catch(() => undefined);
  };
}

/** Builds the background's object graph: database, Sora client, backend, pipeline engine. */
export function createServices(): Services {
  const db = openDb();
  const now = (): number => Date.now();
  const http = createHttp({
    fetch: (input, init) => fetch(input, init),
    now,
    log: createRequestLogSink(db),
    timeoutMs: REQUEST_TIMEOUT_MS,
  });
  const soraTab = createSoraTab({ onStatus: (status) => soraTabStatusItem.setValue(status), now });
  const session = createSession({
    http,
    now,
    store: { get: () => tokenItem.getValue(), set: (token) => tokenItem.setValue(token) },
    reloadSoraPage: () => soraTab.reloadOwnTab(),
  });
  const sentinel = createSentinel({ runInPage: (flow) => soraTab.sentinelToken(flow), now });
  const client = createSoraClient({ http, session, sentinel, now });
  const sora = createSoraBackend(client, session, {
    now,
    random: Math.random,
  });
  const backend = soraOnBoundary(sora, { now });
  const downloads = createBrowserDownloads();
  const publishAccount = async (status: AccountStatus): Promise<void> => {
    const current = await accountItem.getValue();
    const next = { ...status, plan: status.plan ?? (status.state === 'signed-in' ? current.plan : null) };
    const changed = current.state !== next.state || current.plan !== next.plan;
    if (changed || next.checkedAt - current.checkedAt > 30_000) await accountItem.setValue(next);
  };
  const fetchThumbnail = createThumbnailFetcher((url) => fetchSignedMedia(url));
  const ticker = createTicker({
    db,
    backend,
    downloads,
    settings: readSettings,
    now,
    random: Math.random,
    publishAccount,
    hasHostAccess,
    fetchThumbnail,
  });
  // A failed schema upgrade must stop all work and say so; it never resets the user's data.
  const opened = db.open().then(
    () => null,
    (error: unknown) => errorMessage(error),
  );
  void opened.then((failure) => dbErrorItem.setValue(failure));
  const signals = createSignalPorts();
  const connections = createConnectionStore();
  const apiHttp: ApiHttpDeps = {
    fetch: (input, init) => fetch(input, init),
    now,
    log: createRequestLogSink(db),
    timeoutMs: REQUEST_TIMEOUT_MS,
  };
  const connectionTickers = createConnectionTickers({
    db,
    store: connections,
    http: apiHttp,
    downloads,
    settings: readSettings,
    now,
  });
  const engine = createEngine({
    tick: async () => {
      if ((await opened) !== null) return { active: false };
      // The Sora session's tick, then each connection's: one failing never stops the others.
      const results = [await ticker.tick()];
      for (const connection of await connectionTickers.current()) {
        try {
          results.push(await connection.tick());
        } catch (error) {
          console.warn(`[sora-companion] tick of ${connection.id} failed:`, maskText(errorMessage(error)));
          results.push({ active: true });
        }
      }
      await afterTick(db, signals, now());
      return { active: results.some((r) => r.active) };
    },
    intervalMs: async () => (await readSettings()).pollIntervalSec * 1000,
    onError: (error) => console.warn('[sora-companion] tick failed:', maskText(errorMessage(error))),
    setTimer: (fn, ms) => setTimeout(fn, ms),
  });
  const sources = createLibrarySources({ client, store: connections, http: apiHttp, now });
  const library = createLibraryServices({ db, sources, downloads, opened, now, fetchThumbnail });
  // One kick wakes both: the alarm, start-up and download events drive the backup like the queue.
  const kick = async (): Promise<void> => {
    await Promise.all([engine.kick(), library.kick()]);
  };
  const backendOf = async (id: string): Promise<Backend | null> =>
    id === backend.id ? backend : connectionTickers.backend(id);
  return { db, sora, backend, connections, backendOf, apiHttp, downloads, kick, publishAccount, library };
}
