import { Dexie } from 'dexie';
import type { JobRow } from '../queue/job';
import {
  DISPLAY_STATUSES,
  type DisplayStatus,
  displayStatus,
  isTerminal,
  JOB_STATUSES,
  type JobStatus,
} from '../queue/status';
import type { EventRow, RequestLogRow, SoraDb } from './schema';

/** What the queue view shows: a UI status (or all), a search over prompts, the order, finished hidden. */
export interface QueueQuery {
  filter: DisplayStatus | 'all';
  search: string;
  /** `newest`: the end of the queue first (where new jobs land); `queue`: the order jobs run in. */
  order?: 'newest' | 'queue';
  hideFinished?: boolean;
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
    !(query.hideFinished && isTerminal(job.status)) &&
    job.input.text.toLowerCase().includes(needle);
}

/** Whether the query shows this job (a selection keeps only what the user can see). */
export function matchesQuery(job: JobRow, query: QueueQuery): boolean {
  return matcher(query)(job);
}

/** The internal states the query's filter admits, or null for every state. */
function statusesOf(query: QueueQuery): readonly JobStatus[] | null {
  const base = query.filter === 'all' ? null : INTERNAL_STATUSES[query.filter];
  if (!query.hideFinished) return base;
  return (base ?? JOB_STATUSES).filter((s) => !isTerminal(s));
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
  const statuses = statusesOf(query);
  if (statuses === null) return db.jobs.count();
  const counts = await Promise.all(statuses.map((s) => db.jobs.where('status').equals(s).count()));
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * One window of the queue: only `limit` rows are read (the virtual list's rows in view), through
 * the seq index (or [status+seq]), in queue order or newest first.
 */
export async function pageQueue(
  db: SoraDb,
  query: QueueQuery,
  offset: number,
  limit: number,
): Promise<JobRow[]> {
  const desc = query.order === 'newest';
  const bySeq = () => (desc ? db.jobs.orderBy('seq').reverse() : db.jobs.orderBy('seq'));
  if (query.search.trim() !== '') return bySeq().filter(matcher(query)).offset(offset).limit(limit).toArray();
  const statuses = statusesOf(query);
  if (statuses === null) return bySeq().offset(offset).limit(limit).toArray();
  const range = (s: JobStatus) => (desc ? statusRange(db, s).reverse() : statusRange(db, s));
  if (statuses.length === 1) return range(statuses[0]!).offset(offset).limit(limit).toArray();
  // Several internal states: the first offset+limit of each, merged by seq.
  const parts = await Promise.all(
    statuses.map((s) =>
      range(s)
        .limit(offset + limit)
        .toArray(),
    ),
  );
  return parts
    .flat()
    .sort((a, b) => (desc ? b.seq - a.seq : a.seq - b.seq))
    .slice(offset, offset + limit);
}

/** What the gallery shows: a search over prompts and file names, a kind, and the order. */
export interface GalleryQuery {
  search: string;
  kind: 'all' | 'video' | 'image';
  order: 'newest' | 'oldest';
}

/** Finished results for the gallery, through the [status+seq] index; only `limit` rows are read. */
export function pageGallery(db: SoraDb, query: GalleryQuery, limit: number): Promise<JobRow[]> {
  const needle = query.search.trim().toLowerCase();
  const range = statusRange(db, 'completed');
  const ordered = query.order === 'newest' ? range.reverse() : range;
  const wanted = (job: JobRow): boolean =>
    (query.kind === 'all' || job.request.kind === query.kind) &&
    (needle === '' ||
      job.input.text.toLowerCase().includes(needle) ||
      (job.download?.fileName.toLowerCase().includes(needle) ?? false));
  return (needle === '' && query.kind === 'all' ? ordered : ordered.filter(wanted)).limit(limit).toArray();
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
