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
