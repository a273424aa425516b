import { storage } from 'wxt/utils/storage';
import { maskKey } from '../backends/mask';
import { type CleanInput, type ConnectionInput, cleanConnectionInput, type FieldError } from './input';
import {
  type Connection,
  type ConnectionKey,
  ConnectionListSchema,
  type KeySecrets,
  KeySecretsSchema,
} from './schema';

/** The connections, without secrets (storage.local): safe for the UI, exports and diagnostics to read. */
export const connectionsItem = storage.defineItem<unknown>('local:connections', { fallback: [] });
/**
 * The keys themselves, by key id: `storage.local`, or `storage.session` for "this browser session
 * only" (memory, cleared when the browser closes, not exposed to content scripts). Never IndexedDB,
 * never `storage.sync`, never an export or the diagnostics.
 */
export const localKeysItem = storage.defineItem<unknown>('local:connectionKeys', { fallback: {} });
export const sessionKeysItem = storage.defineItem<unknown>('session:connectionKeys', { fallback: {} });

export interface ConnectionStoreDeps {
  now?: () => number;
  /** 16 hex characters; injected so tests get stable ids. */
  randomHex?: () => string;
}

const hex16 = (): string =>
  [...crypto.getRandomValues(new Uint8Array(8))].map((b) => b.toString(16).padStart(2, '0')).join('');

/** A stored list that does not parse is never reset: reading it throws, and nothing is written over it. */
async function readList(): Promise<Connection[]> {
  const parsed = ConnectionListSchema.safeParse(await connectionsItem.getValue());
  if (!parsed.success) throw new Error('The saved connections could not be read; nothing was changed.');
  return parsed.data;
}

async function readSecrets(where: 'local' | 'session'): Promise<KeySecrets> {
  const parsed = KeySecretsSchema.safeParse(
    await (where === 'local' ? localKeysItem : sessionKeysItem).getValue(),
  );
  return parsed.success ? parsed.data : {};
}

async function writeSecrets(where: 'local' | 'session', secrets: KeySecrets): Promise<void> {
  await (where === 'local' ? localKeysItem : sessionKeysItem).setValue(secrets);
}

/** Saving, removing and setting keys aside; the only code that touches the key items. */
export function createConnectionStore(deps: ConnectionStoreDeps = {}) {
  const now = deps.now ?? Date.now;
  const randomHex = deps.randomHex ?? hex16;

  async function update(id: string, change: (c: Connection) => Connection): Promise<Connection | null> {
    const list = await readList();
    const at = list.findIndex((c) => c.id === id);
    const current = list[at];
    if (!current) return null;
    const next = change(current);
    list[at] = next;
    await connectionsItem.setValue(list);
    return next;
  }

  const setKey = (id: string, keyId: string, setAside: ConnectionKey['setAside']) =>
    update(id, (c) => ({ ...c, keys: c.keys.map((k) => (k.id === keyId ? { ...k, setAside } : k)) }));

  return {
    list: readList,
    get: async (id: string): Promise<Connection | null> =>
      (await readList()).find((c) => c.id === id) ?? null,

    /** Validates and saves; the caller asks for the host permission first, in the same click. */
    async add(
      input: ConnectionInput,
    ): Promise<{ ok: true; connection: Connection } | { ok: false; errors: FieldError[] }> {
      const clean = cleanConnectionInput(input, { concurrency: input.kind === 'task-api' ? 3 : 2 });
      if (Array.isArray(clean)) return { ok: false, errors: clean };
      return { ok: true, connection: await save(clean) };
    },

    /** Removes the connection and its keys from both storage areas. */
    async remove(id: string): Promise<void> {
      const list = await readList();
      const gone = list.find((c) => c.id === id);
      if (!gone) return;
      for (const where of ['local', 'session'] as const) {
        const secrets = await readSecrets(where);
        for (const k of gone.keys) delete secrets[k.id];
        await writeSecrets(where, secrets);
      }
      await connectionsItem.setValue(list.filter((c) => c.id !== id));
    },

    setConcurrency: (id: string, n: number) => {
      if (!Number.isInteger(n) || n < 1 || n > 10)
        throw new RangeError('Jobs at once must be a whole number from 1 to 10.');
      return update(id, (c) => ({ ...c, concurrency: n }));
    },

    /** A key that answered 401/403 or 402/out of quota: no job uses it until `restoreKey`. */
    setAside: (id: string, keyId: string, code: 'auth' | 'quota_exhausted', reason: string) =>
      setKey(id, keyId, { code, reason: reason.slice(0, 500), at: now() }),
    restoreKey: (id: string, keyId: string) => setKey(id, keyId, null),

    /** The secret of one key, for the background's client only (null when it is gone, e.g. a session key after a restart). */
    async secretFor(connection: Connection, keyId: string): Promise<string | null> {
      return (await readSecrets(connection.keyStorage))[keyId] ?? null;
    },
  };

  async function save(clean: CleanInput): Promise<Connection> {
    const keys: ConnectionKey[] = clean.keys.map((k) => ({
      id: `key_${randomHex()}`,
      masked: maskKey(k),
      addedAt: now(),
      setAside: null,
    }));
    const connection: Connection = {
      id: `conn_${randomHex()}`,
      kind: clean.kind,
      baseUrl: clean.baseUrl,
      name: clean.name,
      concurrency: clean.concurrency,
      authHeader: clean.authHeader,
      keyStorage: clean.keyStorage,
      keys,
      createdAt: now(),
    };
    const secrets = await readSecrets(clean.keyStorage);
    keys.forEach((k, i) => {
      secrets[k.id] = clean.keys[i] ?? '';
    });
    await writeSecrets(clean.keyStorage, secrets); // keys first: a list entry never points at nothing
    await connectionsItem.setValue([...(await readList()), connection]);
    return connection;
  }
}

export type ConnectionStore = ReturnType<typeof createConnectionStore>;
