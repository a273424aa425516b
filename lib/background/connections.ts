import type { ApiHttpDeps } from '../backends/http';
import { checkConnection } from '../connections/check';
import { hasConnectionAccess } from '../connections/permissions';
import { forgetConnectionState, publishConnectionState } from '../connections/status';
import type { ConnectionStore } from '../connections/store';
import type { RpcHandlers } from '../rpc/server';

/** The RPC handlers for backend connections (issue 13): add, remove, cap, check. */
export function connectionHandlers(deps: {
  store: ConnectionStore;
  http: ApiHttpDeps;
  now: () => number;
}): Pick<RpcHandlers, 'connectionAdd' | 'connectionRemove' | 'connectionSetConcurrency' | 'connectionCheck'> {
  const { store } = deps;
  return {
    async connectionAdd(params) {
      const added = await store.add({
        kind: params.kind,
        baseUrl: params.baseUrl,
        keys: params.keys,
        ...(params.name !== undefined ? { name: params.name } : {}),
        ...(params.authHeader ? { authHeader: params.authHeader } : {}),
        ...(params.sessionOnly !== undefined ? { sessionOnly: params.sessionOnly } : {}),
      });
      if (!added.ok) return { ok: false, errors: added.errors };
      const granted = await hasConnectionAccess(added.connection);
      await publishConnectionState(added.connection.id, {
        state: granted ? 'ready' : 'needs-permission',
        reason: granted ? null : 'This browser has not granted access to the server yet.',
        checkedAt: deps.now(),
      });
      return { ok: true, id: added.connection.id };
    },
    async connectionRemove({ id }) {
      const existed = (await store.get(id)) !== null;
      await store.remove(id);
      await forgetConnectionState(id);
      return { removed: existed };
    },
    async connectionSetConcurrency({ id, concurrency }) {
      const changed = (await store.setConcurrency(id, concurrency)) !== null;
      return { changed };
    },
    async connectionCheck({ id }) {
      const connection = await store.get(id);
      if (!connection) return { ok: false, message: 'This connection no longer exists.' };
      if (!(await hasConnectionAccess(connection))) {
        const reason = 'This browser has not granted access to the server: use Grant.';
        await publishConnectionState(id, { state: 'needs-permission', reason, checkedAt: deps.now() });
        return { ok: false, message: reason };
      }
      const found = await checkConnection(connection, { ...deps.http, secretFor: store.secretFor });
      const ok = found.state === 'ready';
      const message = ok ? found.detail : found.reason;
      await publishConnectionState(id, {
        state: ok ? 'ready' : 'error',
        reason: message,
        checkedAt: deps.now(),
      });
      if (!ok && found.keyId && (found.code === 'auth' || found.code === 'quota_exhausted'))
        await store.setAside(id, found.keyId, found.code, found.reason);
      return { ok, message };
    },
  };
}
