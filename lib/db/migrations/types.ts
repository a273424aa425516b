import type { Transaction } from 'dexie';

/** One schema version: its indexes and, from version 2 on, the upgrade that moves the data. */
export interface Migration {
  version: number;
  stores: Record<string, string | null>;
  /** Throwing aborts the upgrade: the database stays at the old version with its data intact. */
  upgrade?: (tx: Transaction) => Promise<void>;
}
