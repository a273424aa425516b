import type { Migration } from './types';
import { v1 } from './v1';

/** Every schema version in order; the last one is current. */
export const MIGRATIONS: readonly Migration[] = [v1];

export const CURRENT_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
