import type { Migration } from './types';
import { v1 } from './v1';
import { v2 } from './v2';
import { v3 } from './v3';
import { v4 } from './v4';

/** Every schema version in order; the last one is current. */
export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4];

export const CURRENT_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
