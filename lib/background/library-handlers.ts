import { cancelBackup, pauseBackup, resumeBackup, retryItems, startBackup } from '../library/backup';
import { startScan } from '../library/scan';
import type { RpcHandlers } from '../rpc/server';
import type { Services } from './services';

type LibraryMethods =
  | 'libraryRefresh'
  | 'backupStart'
  | 'backupPause'
  | 'backupResume'
  | 'backupCancel'
  | 'backupRetry';

/** RPC for the library view: each one a call into lib/library (the handlers' wrapper wakes the library step). */
export function libraryHandlers(services: Services): Pick<RpcHandlers, LibraryMethods> {
  const { db, library } = services;
  return {
    libraryRefresh: async () => ({ scanId: await startScan(db, library.source, Date.now()) }),
    async backupStart(params) {
      const started = await startBackup(db, library.source, params, Date.now());
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
