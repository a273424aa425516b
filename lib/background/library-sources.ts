import type { ApiHttpDeps } from '../backends/http';
import { createKeyRing } from '../connections/keyring';
import { checkConnectionAccess } from '../connections/permissions';
import type { Connection } from '../connections/schema';
import type { ConnectionStore } from '../connections/store';
import type { SourceResolver } from '../library/backup-step';
import { createSoraLibrarySource, SORA_SOURCE_ID } from '../library/sora-source';
import type { LibrarySource } from '../library/source';
import { createVideosApiLibrarySource } from '../library/videos-api-source';
import type { SoraClient } from '../sora/client';

/** Why a source cannot be backed up at all (a task API connection has no list), null when it can. */
export function unlistable(connection: Connection | null): string | null {
  if (!connection) return 'There is no such connection (was it removed?).';
  return connection.kind === 'videos-api'
    ? null
    : 'This kind of connection has no list of videos to back up.';
}

/**
 * The library's sources by id: the Sora session, or a Videos API connection as it is stored now (a
 * change of address or keys applies at the next call). A connection lacking its host permission
 * says so on the options page (`needs-permission`), as its jobs do.
 */
export function createLibrarySources(deps: {
  client: SoraClient;
  store: ConnectionStore;
  http: ApiHttpDeps;
  now: () => number;
}): SourceResolver {
  const sora = createSoraLibrarySource(deps.client);
  const hasAccess = (connection: Connection) => () => checkConnectionAccess(connection, deps.now);
  return async (id): Promise<LibrarySource | null> => {
    if (id === SORA_SOURCE_ID) return sora;
    const connection = await deps.store.get(id).catch(() => null);
    if (!connection || unlistable(connection) !== null) return null;
    return createVideosApiLibrarySource(connection, {
      http: deps.http,
      keys: createKeyRing(connection.id, deps.store),
      hasAccess: hasAccess(connection),
    });
  };
}
