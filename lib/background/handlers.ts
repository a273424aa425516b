import { applyEvent } from '../db/jobs';
import type { JobEvent } from '../queue/transition';
import type { RpcMethod } from '../rpc/contract';
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
  return { changed };
}

/** Methods that only read. Every other one may have changed a job, a connection or a backup. */
const READS: ReadonlySet<RpcMethod> = new Set<RpcMethod>([
  'styles',
  'accountInfo',
  'mediaLink',
  'exportData',
  'enhancePrompt',
]);

/**
 * The loops wake after every handler that may have changed something (the queue's and the
 * library's, one `kick`), so no handler has to remember it; a kick with nothing to do is one empty tick.
 */
export function wakingAfterChanges(handlers: RpcHandlers, kick: () => Promise<void>): RpcHandlers {
  const wrap = <M extends RpcMethod>(method: M): RpcHandlers[M] => {
    const handler = handlers[method];
    if (READS.has(method)) return handler;
    return (async (params: Parameters<RpcHandlers[M]>[0]) => {
      try {
        return await (handler as (p: typeof params) => Promise<unknown>)(params);
      } finally {
        void kick();
      }
    }) as RpcHandlers[M];
  };
  const out: Partial<RpcHandlers> = {};
  for (const method of Object.keys(handlers) as RpcMethod[]) Object.assign(out, { [method]: wrap(method) });
  return out as RpcHandlers;
}

/** The background's RPC handlers: thin, each one a call into lib/. */
export function createHandlers(services: Services): RpcHandlers {
  return wakingAfterChanges(handlersOf(services), services.kick);
}

function handlersOf(services: Services): RpcHandlers {
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
      return enqueue(services.db, params, env);
    },
    cancel: ({ ids }) => applyToMany(services, ids, { type: 'cancel' }),
    retry: ({ ids }) => applyToMany(services, ids, { type: 'retry' }),
    pauseAll: async () => ({ changed: await pauseQueue(services.db, Date.now()) }),
    async resumeAll() {
      return { changed: await resumeQueue(services.db, Date.now()) };
    },
    async checkSession() {
      const session = await services.sora.session();
      const plan = session.state === 'signed-in' ? (session.plan ?? null) : null;
      await services.publishAccount({ state: session.state, checkedAt: Date.now(), plan });
      return { state: session.state };
    },
    // The workspace UI (issue 6): each handler is one call into lib/background.
    reorder: async ({ id, beforeId }) => ({
      changed: await reorderJob(services.db, id, beforeId, Date.now()),
    }),
    async editJob(params) {
      return { error: await editJob(services.db, params, { now: Date.now(), styles: await liveStyles() }) };
    },
    async bulk({ action, ids }) {
      if (action === 'remove') {
        const removed = await removeFinished(services.db, ids);
        return { changed: removed.jobs.length, undoToken: undo.put(removed) };
      }
      return { changed: await bulkAction(services.db, action, ids, Date.now()) };
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
      return result;
    },
    exportData: async () => ({ json: JSON.stringify(await exportData(services.db, Date.now())) }),
    async importData({ data }) {
      return importData(services.db, data);
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
    }),
  };
}
