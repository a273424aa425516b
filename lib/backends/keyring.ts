import { BackendError, isBackendError } from '../backend/errors';

/** One API key as a backend's client uses it: its id (never secret) and the secret itself. */
export interface ApiKey {
  id: string;
  secret: string;
}

/**
 * The keys of one connection, as the API backends use them (lib/connections/keyring.ts implements
 * it over storage): in turn for creates, the same key again for a task it made, set aside when the
 * server refuses it.
 */
export interface KeyRing {
  /** The next usable key, round robin; null when every key is set aside. */
  next(): Promise<ApiKey | null>;
  /** The key `taskId` was made with (another key may not see it), else the next usable one. */
  forTask(taskId: string): Promise<ApiKey | null>;
  /** Every usable key (a lost create is looked for with each). */
  all(): Promise<ApiKey[]>;
  remember(taskId: string, keyId: string): Promise<void>;
  /** A key the server refused (401/403) or that ran out of credits (402): no job uses it until restored. */
  setAside(keyId: string, code: 'auth' | 'quota_exhausted', reason: string): Promise<void>;
}

/** Every key of the connection is set aside: its jobs wait (needs_auth) and nothing is sent. */
export function noKeys(): BackendError {
  return new BackendError({
    code: 'auth',
    message: 'Every key of this connection is set aside; add a working key on the options page.',
    endpoint: 'keys',
  });
}

/**
 * Runs a create with the next usable key. A request the server refused for its key (401/403, or
 * 402/out of credits) never happened: that key is set aside with the reason and the next one is
 * tried; with none left the error stands (`auth`, or `quota_exhausted` when they ran out of credits).
 */
export async function withEachKey<T>(keys: KeyRing, run: (key: ApiKey) => Promise<T>): Promise<T> {
  for (let tried = 0; tried < 20; tried++) {
    const key = await keys.next();
    if (!key) throw noKeys();
    try {
      return await run(key);
    } catch (error) {
      const refused = isBackendError(error) && (error.code === 'auth' || error.code === 'quota_exhausted');
      if (!refused || error.responseLost) throw error;
      await keys.setAside(key.id, error.code as 'auth' | 'quota_exhausted', error.message);
      if (error.code === 'quota_exhausted' && (await keys.all()).length === 0) throw error;
    }
  }
  throw noKeys();
}
