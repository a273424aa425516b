import { storage } from 'wxt/utils/storage';
import { z } from 'zod/mini';
import type { ApiKey, KeyRing } from '../backends/keyring';
import { createKeyRotation, usableKeys } from './keys';
import type { ConnectionStore } from './store';

/** Which key made which task (key ids only, never secrets), so a task is read with its own key. */
export const taskKeysItem = storage.defineItem<unknown>('local:connectionTaskKeys', { fallback: {} });
const TaskKeysSchema = z.record(z.string(), z.string());
/** The map keeps the newest entries only; an old task read with another key is retried, not lost. */
const TASK_KEYS_KEPT = 2_000;

async function readTaskKeys(): Promise<Record<string, string>> {
  const parsed = TaskKeysSchema.safeParse(await taskKeysItem.getValue());
  return parsed.success ? parsed.data : {};
}

/** A connection's keys as its backend uses them, read afresh on every call (keys change in the options page). */
export function createKeyRing(
  connectionId: string,
  store: ConnectionStore,
  rotation = createKeyRotation(),
): KeyRing {
  async function withSecret(keyId: string | undefined): Promise<ApiKey | null> {
    const connection = await store.get(connectionId);
    const key =
      connection && keyId ? connection.keys.find((k) => k.id === keyId && k.setAside === null) : null;
    if (!connection || !key) return null;
    const secret = await store.secretFor(connection, key.id);
    return secret ? { id: key.id, secret } : null;
  }
  const ring: KeyRing = {
    async next() {
      const connection = await store.get(connectionId);
      if (!connection) return null;
      // A key whose secret is gone (kept for a browser session only) is skipped, not used blank.
      for (let i = 0; i < connection.keys.length; i++) {
        const key = rotation.take(connection);
        if (!key) return null;
        const secret = await store.secretFor(connection, key.id);
        if (secret) return { id: key.id, secret };
      }
      return null;
    },
    async forTask(taskId) {
      return (await withSecret((await readTaskKeys())[taskId])) ?? ring.next();
    },
    async all() {
      const connection = await store.get(connectionId);
      if (!connection) return [];
      const keys = await Promise.all(usableKeys(connection).map((k) => withSecret(k.id)));
      return keys.filter((k): k is ApiKey => k !== null);
    },
    async remember(taskId, keyId) {
      const map = await readTaskKeys();
      if (map[taskId] === keyId) return;
      const entries = Object.entries({ ...map, [taskId]: keyId });
      await taskKeysItem.setValue(Object.fromEntries(entries.slice(-TASK_KEYS_KEPT)));
    },
    async setAside(keyId, code, reason) {
      await store.setAside(connectionId, keyId, code, reason);
    },
  };
  return ring;
}
