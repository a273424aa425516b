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

/** RPC for the library view: each one a call into lib/library, then a kick of the library step. */
export function libraryHandlers(services: Services): Pick<RpcHandlers, LibraryMethods> {
  const { db, library } = services;
  const kicked = <T>(value: T): T => {
    void library.kick();
    return value;
  };
  return {
    libraryRefresh: async () => kicked({ scanId: await startScan(db, library.source, Date.now()) }),
    async backupStart(params) {
      const started = await startBackup(db, library.source, params, Date.now());
      return 'error' in started
        ? { runId: null, error: started.error }
        : kicked({ runId: started.runId, error: null });
    },
    backupPause: async () => kicked({ changed: await pauseBackup(db) }),
    backupResume: async () => kicked({ changed: await resumeBackup(db) }),
    backupCancel: async () => kicked({ changed: await cancelBackup(db, Date.now()) }),
    backupRetry: async ({ itemIds }) => kicked({ changed: await retryItems(db, itemIds, Date.now()) }),
  };
}
