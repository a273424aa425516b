import { Dexie, type EntityTable } from 'dexie';
import type { JobRow } from '../queue/job';

/** Per-job history, shown in the logs view. */
export interface EventRow {
  id?: number;
  jobId: string;
  at: number;
  type: string;
  status: string;
  detail: string | null;
}

/** One masked backend call (see lib/sora/http.ts); bounded by the background's pruning. */
export interface RequestLogRow {
  id?: number;
  at: number;
  method: string;
  url: string;
  status: number;
  durationMs: number;
  errorCode: string | null;
}

export const DB_NAME = 'sora-companion';

/** The extension's one database; the background writes, pages read live. */
export class SoraDb extends Dexie {
  jobs!: EntityTable<JobRow, 'id'>;
  events!: EntityTable<EventRow, 'id'>;
  requestLog!: EntityTable<RequestLogRow, 'id'>;

  constructor(name = DB_NAME) {
    super(name);
    // Version 1. Never edit a shipped version: add a new one with an upgrade and a frozen fixture.
    this.version(1).stores({
      jobs: 'id, status, seq, batchId, taskId, createdAt, [status+seq]',
      events: '++id, jobId, at',
      requestLog: '++id, at',
    });
  }
}

/** Opens the database (one per context). */
export function openDb(name = DB_NAME): SoraDb {
  return new SoraDb(name);
}
