import type { JobRow } from '../queue/job';
import type { SoraDb } from './schema';
import { jobSearchWords, queryWords, wordsMatch } from './search-words';

/**
 * A query word matching more jobs than this is not used to narrow the search: reading its matches
 * would cost as much as reading the jobs. Another, rarer word of the query narrows it instead.
 */
export const NARROW_CAP = 1_000;
/** When every word of the query is that common, only the newest jobs, this many, are searched. */
export const SCAN_LIMIT = 2_000;

/** Jobs a prompt search matches; `limited`: only the newest SCAN_LIMIT jobs were looked at. */
export interface SearchHits {
  jobs: JobRow[];
  limited: boolean;
}

/** Whether a job matches the search text (the one rule: every query word starts a job word). */
export function matchesSearch(job: JobRow, search: string): boolean {
  const words = queryWords(search);
  return words.length === 0 || wordsMatch(jobSearchWords(job), words);
}

/** The ids holding a word that starts with `prefix`, or null when there are more than NARROW_CAP. */
async function idsStartingWith(db: SoraDb, prefix: string): Promise<Set<string> | null> {
  const keys = await db.jobWords
    .where('words')
    .startsWith(prefix)
    .limit(NARROW_CAP + 1)
    .primaryKeys();
  return keys.length > NARROW_CAP ? null : new Set(keys);
}

/**
 * Every job matching `search` (and `keep`), in no particular order. Reads through the words index:
 * the rarest query words' matches are intersected and only those jobs are loaded, so the cost
 * follows the number of matches, not of jobs. When every query word is common, the newest
 * SCAN_LIMIT jobs are searched and the result says so.
 */
export async function searchJobs(
  db: SoraDb,
  search: string,
  keep: (job: JobRow) => boolean,
): Promise<SearchHits> {
  const words = queryWords(search);
  const wanted = (job: JobRow): boolean => keep(job) && wordsMatch(jobSearchWords(job), words);
  const sets = (await Promise.all(words.map((w) => idsStartingWith(db, w)))).filter(
    (s): s is Set<string> => s !== null,
  );
  if (sets.length === 0) {
    const newest = await db.jobs.orderBy('seq').reverse().limit(SCAN_LIMIT).toArray();
    return { jobs: newest.filter(wanted), limited: newest.length === SCAN_LIMIT };
  }
  sets.sort((a, b) => a.size - b.size);
  const ids = [...sets[0]!].filter((id) => sets.every((s) => s.has(id)));
  const rows = await db.jobs.bulkGet(ids);
  return { jobs: rows.filter((j): j is JobRow => !!j && wanted(j)), limited: false };
}
