import type { Backend } from '../backend/backend';
import type { ApiHttpDeps } from '../backends/http';
import { createTaskApiBackend } from '../backends/task-api/backend';
import { createVideosApiBackend } from '../backends/videos-api/backend';
import { createKeyRing } from '../connections/keyring';
import { checkConnectionAccess } from '../connections/permissions';
import type { Connection } from '../connections/schema';
import { publishConnectionState } from '../connections/status';
import type { ConnectionStore } from '../connections/store';
import type { SoraDb } from '../db/schema';
import { createTicker, type TickResult } from '../pipeline/tick';
import type { DownloadsPort } from '../platform/downloads';
import type { Settings } from '../settings/settings';

/** A connection's backend on the boundary. */
export function backendFor(connection: Connection, http: ApiHttpDeps, store: ConnectionStore): Backend {
  const keys = createKeyRing(connection.id, store);
  return connection.kind === 'videos-api'
    ? createVideosApiBackend(connection, { http, keys })
    : createTaskApiBackend(connection, { http, keys });
}

/** What makes a connection's backend: a change rebuilds it (the cap, the address, how the key travels). */
const shapeOf = (c: Connection): string => JSON.stringify([c.kind, c.baseUrl, c.authHeader, c.concurrency]);

/**
 * One ticker per connection, built from the stored list as it is now: each runs its own jobs at its
 * own cap with its own poll, next to the Sora session's. A connection removed stops being ticked (its
 * unfinished jobs stay, waiting, and say so).
 */
export function createConnectionTickers(deps: {
  db: SoraDb;
  store: ConnectionStore;
  http: ApiHttpDeps;
  downloads: DownloadsPort;
  settings: () => Promise<Settings>;
  now: () => number;
}) {
  const live = new Map<string, { shape: string; backend: Backend; tick: () => Promise<TickResult> }>();

  function build(connection: Connection) {
    const backend = backendFor(connection, deps.http, deps.store);
    const ticker = createTicker({
      db: deps.db,
      backend,
      downloads: deps.downloads,
      settings: deps.settings,
      now: deps.now,
      random: Math.random,
      // A connection's "account" is its keys: signed out means every key was refused.
      publishAccount: (status) =>
        publishConnectionState(connection.id, {
          state: status.state === 'signed-in' ? 'ready' : 'error',
          reason: status.state === 'signed-in' ? null : 'Every key of this connection was refused.',
          checkedAt: status.checkedAt,
        }),
      hasHostAccess: () => checkConnectionAccess(connection, deps.now),
      fetchThumbnail: async () => null,
    });
    return { shape: shapeOf(connection), backend, tick: ticker.tick };
  }

  return {
    /** Every connection's tick, in the stored order. */
    async current(): Promise<{ id: string; tick: () => Promise<TickResult> }[]> {
      const list = await deps.store.list().catch(() => []);
      for (const id of live.keys()) if (!list.some((c) => c.id === id)) live.delete(id);
      return list.map((connection) => {
        let entry = live.get(connection.id);
        if (!entry || entry.shape !== shapeOf(connection)) {
          entry = build(connection);
          live.set(connection.id, entry);
        }
        return { id: connection.id, tick: entry.tick };
      });
    },
    /** The backend of a connection (media links and downloads again from the UI). */
    async backend(id: string): Promise<Backend | null> {
      await this.current();
      return live.get(id)?.backend ?? null;
    },
  };
}
