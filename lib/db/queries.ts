import { Dexie } from 'dexie';
import type { JobRow } from '../queue/job';
import {
  DISPLAY_STATUSES,
  type DisplayStatus,
  displayStatus,
  JOB_STATUSES,
  type JobStatus,
} from '../queue/status';
import type { EventRow, RequestLogRow, SoraDb } from './schema';

/** What the queue view shows: a UI status (or all) and a search over prompts. */
export interface QueueQuery {
  filter: DisplayStatus | 'all';
  search: string;
}

/** The internal states behind each UI status (e.g. `downloading` = ready + downloading). */
export const INTERNAL_STATUSES: Readonly<Record<DisplayStatus, readonly JobStatus[]>> = Object.fromEntries(
  DISPLAY_STATUSES.map((d) => [d, JOB_STATUSES.filter((s) => displayStatus(s) === d)]),
) as Record<DisplayStatus, JobStatus[]>;

function statusRange(db: SoraDb, status: JobStatus) {
  return db.jobs.where('[status+seq]').between([status, Dexie.minKey], [status, Dexie.maxKey]);
}

function matcher(query: QueueQuery): (job: JobRow) => boolean {
  const needle = query.search.trim().toLowerCase();
  return (job) =>
    (query.filter === 'all' || displayStatus(job.status) === query.filter) &&
    job.input.text.toLowerCase().includes(needle);
}

/** Jobs per UI status plus the total, each read through the status index (no row is loaded). */
export async function statusCounts(
  db: SoraDb,
): Promise<{ total: number; byStatus: Record<DisplayStatus, number> }> {
  const byStatus = Object.fromEntries(DISPLAY_STATUSES.map((d) => [d, 0])) as Record<DisplayStatus, number>;
  const counts = await Promise.all(JOB_STATUSES.map((s) => db.jobs.where('status').equals(s).count()));
  JOB_STATUSES.forEach((s, i) => {
    byStatus[displayStatus(s)] += counts[i] ?? 0;
  });
  return { total: counts.reduce((a, b) => a + b, 0), byStatus };
}

/** How many jobs the query matches; only a text search has to look at the rows. */
export async function countQueue(db: SoraDb, query: QueueQuery): Promise<number> {
  if (query.search.trim() !== '') return db.jobs.filter(matcher(query)).count();
  if (query.filter === 'all') return db.jobs.count();
  const counts = await Promise.all(
    INTERNAL_STATUSES[query.filter].map((s) => db.jobs.where('status').equals(s).count()),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** One window of the queue in queue order: only `limit` rows are read (the virtual list's rows in view). */
export async function pageQueue(
  db: SoraDb,
  query: QueueQuery,
  offset: number,
  limit: number,
): Promise<JobRow[]> {
  if (query.search.trim() !== '')
    return db.jobs.orderBy('seq').filter(matcher(query)).offset(offset).limit(limit).toArray();
  if (query.filter === 'all') return db.jobs.orderBy('seq').offset(offset).limit(limit).toArray();
  const statuses = INTERNAL_STATUSES[query.filter];
  if (statuses.length === 1) return statusRange(db, statuses[0]!).offset(offset).limit(limit).toArray();
  // Several internal states: the first offset+limit of each, merged by seq (these states are short-lived).
  const parts = await Promise.all(
    statuses.map((s) =>
      statusRange(db, s)
        .limit(offset + limit)
        .toArray(),
    ),
  );
  return parts
    .flat()
    .sort((a, b) => a.seq - b.seq)
    .slice(offset, offset + limit);
}

/** Finished results, newest first, one page at a time. */
export function pageResults(db: SoraDb, offset: number, limit: number): Promise<JobRow[]> {
  return statusRange(db, 'completed').reverse().offset(offset).limit(limit).toArray();
}

/** The newest job events and backend calls for the logs view. */
export async function recentLogs(
  db: SoraDb,
  limit: number,
): Promise<{ events: EventRow[]; requests: RequestLogRow[] }> {
  const [events, requests] = await Promise.all([
    db.events.reverse().limit(limit).toArray(),
    db.requestLog.reverse().limit(limit).toArray(),
  ]);
  return { events, requests };
}
