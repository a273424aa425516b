import { applyEvent } from '../db/jobs';
import type { JobEvent } from '../queue/transition';
import type { RpcHandlers } from '../rpc/server';
import { accountItem } from '../settings/items';
import { accountInfo, createStyleCache } from './account-info';
import { connectionHandlers } from './connections';
import { enqueue } from './enqueue';
import { importFile } from './import-file';
import { libraryHandlers } from './library-handlers';
import { mediaLink, redownload } from './media';
import {
  bulkAction,
  editJob,
  pauseQueue,
  removeFinished,
  reorderJob,
  restoreRemoved,
  resumeQueue,
} from './queue-actions';
import type { Services } from './services';
import { exportData, importData } from './transfer';
import { createUndoStore } from './undo-store';

async function applyToMany(
  services: Services,
  ids: readonly string[],
  event: JobEvent,
): Promise<{ changed: number }> {
  let changed = 0;
  const now = Date.now();
  for (const id of ids) if (await applyEvent(services.db, id, event, now)) changed++;
  if (changed > 0) void services.kick();
  return { changed };
}

/** The background's RPC handlers: thin, each one a call into lib/. */
export function createHandlers(services: Services): RpcHandlers {
  const styles = createStyleCache(services.sora, Date.now);
  const undo = createUndoStore();
  const liveStyles = async (): Promise<{ live: string[] | null }> => {
    const list = await styles().catch(() => []);
    return { live: list.length > 0 ? list.map((s) => s.id) : null };
  };
  return {
    async enqueue(params) {
      const env = {
        now: Date.now(),
        styles: await liveStyles(),
        plan: (await accountItem.getValue()).plan ?? null,
        connections: params.items.some((i) => i.backend && i.backend !== 'sora')
          ? await services.connections.list()
          : [],
      };
      const result = await enqueue(services.db, params, env);
      if (result.ids.length > 0) void services.kick();
      return result;
    },
    cancel: ({ ids }) => applyToMany(services, ids, { type: 'cancel' }),
    retry: ({ ids }) => applyToMany(services, ids, { type: 'retry' }),
    pauseAll: async () => ({ changed: await pauseQueue(services.db, Date.now()) }),
    async resumeAll() {
      const changed = await resumeQueue(services.db, Date.now());
      void services.kick();
      return { changed };
    },
    async checkSession() {
      const session = await services.sora.session();
      const plan = session.state === 'signed-in' ? (session.plan ?? null) : null;
      await services.publishAccount({ state: session.state, checkedAt: Date.now(), plan });
      void services.kick();
      return { state: session.state };
    },
    // The workspace UI (issue 6): each handler is one call into lib/background.
    reorder: async ({ id, beforeId }) => ({
      changed: await reorderJob(services.db, id, beforeId, Date.now()),
    }),
    async editJob(params) {
      const error = await editJob(services.db, params, { now: Date.now(), styles: await liveStyles() });
      if (error === null) void services.kick();
      return { error };
    },
    async bulk({ action, ids }) {
      if (action === 'remove') {
        const removed = await removeFinished(services.db, ids);
        return { changed: removed.jobs.length, undoToken: undo.put(removed) };
      }
      const changed = await bulkAction(services.db, action, ids, Date.now());
      if (changed > 0) void services.kick();
      return { changed };
    },
    async undoRemove({ token }) {
      const removed = undo.take(token);
      return { restored: removed ? await restoreRemoved(services.db, removed) : 0 };
    },
    async importFile(params) {
      const plan = (await accountItem.getValue()).plan ?? null;
      const result = await importFile(services.db, params, {
        now: Date.now(),
        styles: await liveStyles(),
        plan,
        connections: await services.connections.list().catch(() => []),
      });
      if (result.ids.length > 0) void services.kick();
      return result;
    },
    exportData: async () => ({ json: JSON.stringify(await exportData(services.db, Date.now())) }),
    async importData({ data }) {
      const result = await importData(services.db, data);
      if (result.added > 0) void services.kick();
      return result;
    },
    enhancePrompt: async (input) => ({ text: await services.sora.enhancePrompt(input) }),
    styles: async () => ({ styles: await styles() }),
    accountInfo: () => accountInfo(services.sora),
    mediaLink: async ({ id }) => ({ url: await mediaLink(services.db, services.backendOf, id) }),
    redownload: async ({ id }) => ({ downloadId: await redownload(services.db, services, id) }),
    ...libraryHandlers(services),
    ...connectionHandlers({
      store: services.connections,
      http: services.apiHttp,
      now: Date.now,
      kick: services.kick,
    }),
  };
}
