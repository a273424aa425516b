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
import { matchesSearch, type SearchHits, searchJobs } from './search';

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

/** Whether the job passes the query's status filter and "hide finished" (not its search). */
function statusMatcher(query: QueueQuery): (job: JobRow) => boolean {
  return (job) =>
    (query.filter === 'all' || displayStatus(job.status) === query.filter) &&
    !(query.hideFinished && isTerminal(job.status));
}

/** Whether the query shows this job (a selection keeps only what the user can see). */
export function matchesQuery(job: JobRow, query: QueueQuery): boolean {
  return statusMatcher(query)(job) && matchesSearch(job, query.search);
}

const isSearch = (query: { search: string }): boolean => query.search.trim() !== '';

/** A search's matches in the query's order (read through the words index: lib/db/search.ts). */
export async function searchQueue(db: SoraDb, query: QueueQuery): Promise<SearchHits> {
  const hits = await searchJobs(db, query.search, statusMatcher(query));
  const desc = query.order === 'newest';
  hits.jobs.sort((a, b) => (desc ? b.seq - a.seq : a.seq - b.seq));
  return hits;
}

/** The internal states the query's filter admits, or null for every state. */
function statusesOf(query: QueueQuery): readonly JobStatus[] | null {
  const base = query.filter === 'all' ? null : INTERNAL_STATUSES[query.filter];
  if (!query.hideFinished) return base;
  return (base ?? JOB_STATUSES).filter((s) => !isTerminal(s));
}

/** How many jobs each internal status holds: one small row per status (lib/db/job-index.ts). */
export async function jobCountsByStatus(db: SoraDb): Promise<Map<string, number>> {
  return new Map((await db.jobCounts.toArray()).map((row) => [row.status, row.n]));
}

/** Jobs per UI status plus the total, from the count rows (no job row is read). */
export async function statusCounts(
  db: SoraDb,
): Promise<{ total: number; byStatus: Record<DisplayStatus, number> }> {
  const byStatus = Object.fromEntries(DISPLAY_STATUSES.map((d) => [d, 0])) as Record<DisplayStatus, number>;
  const counts = await jobCountsByStatus(db);
  let total = 0;
  for (const s of JOB_STATUSES) {
    const n = counts.get(s) ?? 0;
    byStatus[displayStatus(s)] += n;
    total += n;
  }
  return { total, byStatus };
}

/** How many jobs the query matches: from the count rows, or the search's matches. */
export async function countQueue(db: SoraDb, query: QueueQuery): Promise<number> {
  if (isSearch(query)) return (await searchQueue(db, query)).jobs.length;
  const counts = await jobCountsByStatus(db);
  return (statusesOf(query) ?? JOB_STATUSES).reduce((n, s) => n + (counts.get(s) ?? 0), 0);
}

/**
 * One window of the queue: only `limit` rows are read (the virtual list's rows in view), through
 * the seq index (or [status+seq]), in queue order or newest first; a search reads its matches only.
 */
export async function pageQueue(
  db: SoraDb,
  query: QueueQuery,
  offset: number,
  limit: number,
): Promise<JobRow[]> {
  const desc = query.order === 'newest';
  const bySeq = () => (desc ? db.jobs.orderBy('seq').reverse() : db.jobs.orderBy('seq'));
  if (isSearch(query)) return (await searchQueue(db, query)).jobs.slice(offset, offset + limit);
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

/**
 * Finished results for the gallery, through the [status+seq] index; only `limit` rows are read. A
 * search reads its matches through the words index (prompts and file names).
 */
export async function pageGallery(db: SoraDb, query: GalleryQuery, limit: number): Promise<JobRow[]> {
  const kind = (job: JobRow): boolean => query.kind === 'all' || job.request.kind === query.kind;
  if (isSearch(query)) {
    const hits = await searchJobs(db, query.search, (job) => job.status === 'completed' && kind(job));
    const desc = query.order === 'newest';
    return hits.jobs.sort((a, b) => (desc ? b.seq - a.seq : a.seq - b.seq)).slice(0, limit);
  }
  const range = statusRange(db, 'completed');
  const ordered = query.order === 'newest' ? range.reverse() : range;
  return (query.kind === 'all' ? ordered : ordered.filter(kind)).limit(limit).toArray();
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
