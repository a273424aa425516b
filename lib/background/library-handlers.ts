import { cancelBackup, pauseBackup, resumeBackup, retryItems, startBackup } from '../library/backup';
import { startScan } from '../library/scan';
import { SORA_SOURCE_ID } from '../library/sora-source';
import type { LibrarySource } from '../library/source';
import type { RpcHandlers } from '../rpc/server';
import { unlistable } from './library-sources';
import type { Services } from './services';

type LibraryMethods =
  | 'libraryRefresh'
  | 'backupStart'
  | 'backupPause'
  | 'backupResume'
  | 'backupCancel'
  | 'backupRetry';

/** The source to read, or why it cannot be read now (said to the user, never a silent no-op). */
async function usable(services: Services, id: string | undefined): Promise<LibrarySource | string> {
  const source = await services.library.sources(id ?? SORA_SOURCE_ID);
  if (!source)
    return unlistable(await services.connections.get(id ?? '').catch(() => null)) ?? 'Unknown source.';
  return (await source.blocked?.()) ?? source;
}

/** RPC for the library view: each one a call into lib/library (the handlers' wrapper wakes the library step). */
export function libraryHandlers(services: Services): Pick<RpcHandlers, LibraryMethods> {
  const { db } = services;
  return {
    async libraryRefresh({ source: id }) {
      const source = await usable(services, id);
      if (typeof source === 'string') return { scanId: null, error: source };
      return { scanId: await startScan(db, source, Date.now()), error: null };
    },
    async backupStart({ source: id, ...options }) {
      const source = await usable(services, id);
      if (typeof source === 'string') return { runId: null, error: source };
      const started = await startBackup(db, source, options, Date.now());
      return 'error' in started
        ? { runId: null, error: started.error }
        : { runId: started.runId, error: null };
    },
    backupPause: async () => ({ changed: await pauseBackup(db) }),
    backupResume: async () => ({ changed: await resumeBackup(db) }),
    backupCancel: async () => ({ changed: await cancelBackup(db, Date.now()) }),
    backupRetry: async ({ itemIds }) => ({ changed: await retryItems(db, itemIds, Date.now()) }),
  };
}
