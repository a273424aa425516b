import type { DBCore, Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addJobs, applyEvent } from '@/lib/db/jobs';
import { countQueue, pageGallery, pageQueue, type QueueQuery, statusCounts } from '@/lib/db/queries';
import { SoraDb } from '@/lib/db/schema';
import { NARROW_CAP, SCAN_LIMIT, searchJobs } from '@/lib/db/search';
import { searchWords } from '@/lib/db/search-words';
import { computeSummary } from '@/lib/db/summary';
import type { JobRow } from '@/lib/queue/job';
import { JOB_STATUSES } from '@/lib/queue/status';
import { makeJob } from '../helpers/jobs';

/** Job rows (and count() calls) the jobs table answers, counted under every other middleware. */
interface Reads {
  rows: number;
  counts: number;
}

function spy(db: SoraDb): Reads {
  const reads: Reads = { rows: 0, counts: 0 };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'ReadSpy',
    level: 20,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'jobs') return table;
        return {
          ...table,
          get: (req) =>
            table.get(req).then((row) => {
              if (row) reads.rows++;
              return row;
            }),
          getMany: (req) =>
            table.getMany(req).then((rows) => {
              reads.rows += rows.filter(Boolean).length;
              return rows;
            }),
          query: (req) =>
            table.query(req).then((res) => {
              if (req.values) reads.rows += res.result.length;
              return res;
            }),
          openCursor: (req) =>
            table.openCursor(req).then((cursor) => {
              // A cursor over rows: each step is a row read (filters and offsets walk them).
              if (cursor && req.values !== false) {
                reads.rows++;
                const next = cursor.continue.bind(cursor);
                cursor.continue = (key?: unknown) => {
                  reads.rows++;
                  next(key as never);
                };
              }
              return cursor;
            }),
          count: (req) => {
            reads.counts++;
            return table.count(req);
          },
        };
      },
    }),
  };
  db.use(middleware);
  return reads;
}

/** More than NARROW_CAP and SCAN_LIMIT, so both limits are exercised. */
const JOBS = 2_500;
const STATUSES = ['completed', 'failed', 'canceled', 'queued', 'paused'] as const;
const TEMPLATE = makeJob();

function job(i: number): JobRow {
  const text = i % 500 === 0 ? `Lighthouse keeper number ${i}` : `Benchmark prompt number ${i}`;
  const status = STATUSES[i % STATUSES.length]!;
  return { ...TEMPLATE, id: `job-${i}`, seq: i + 1, status, input: { ...TEMPLATE.input, text } };
}

/** Stores the many jobs in one write (through the middleware, as every write is). */
const seedMany = (db: SoraDb): Promise<unknown> =>
  db.jobs.bulkAdd(Array.from({ length: JOBS }, (_, i) => job(i)));

/** The truth, the slow way: a count through the status index per status. */
async function recount(db: SoraDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of JOB_STATUSES) {
    const n = await db.jobs.where('status').equals(s).count();
    if (n > 0) out[s] = n;
  }
  return out;
}

async function stored(db: SoraDb): Promise<Record<string, number>> {
  return Object.fromEntries(
    (await db.jobCounts.toArray()).filter((r) => r.n > 0).map((r) => [r.status, r.n]),
  );
}

let db: SoraDb;
/** Registered before the database opens (Dexie builds its middleware stack then); reset after seeding. */
let reads: Reads;
beforeEach(() => {
  db = new SoraDb(`job-index-${crypto.randomUUID()}`);
  reads = spy(db);
});
const startCounting = (): void => {
  reads.rows = 0;
  reads.counts = 0;
};
afterEach(() => db.close());

describe('the job index (counts per status, search words)', { timeout: 60_000 }, () => {
  it('stays exact through adds, transitions, edits, deletes, undo and clear', async () => {
    await addJobs(db, [makeJob({ id: 'a' }, 'A red owl'), makeJob({ id: 'b' }, 'A blue owl')]);
    expect(await stored(db)).toEqual({ queued: 2 });
    await applyEvent(db, 'a', { type: 'pause' }, 10);
    expect(await stored(db)).toEqual(await recount(db));
    expect((await db.jobs.get('a'))?.status).toBe('paused');
    // A write that leaves the status alone (progress) changes no count.
    await db.jobs.update('b', { progress: 40 });
    expect(await stored(db)).toEqual({ queued: 1, paused: 1 });
    // An edit of the prompt re-indexes its words.
    const b = (await db.jobs.get('b'))!;
    await db.jobs.put({ ...b, input: { ...b.input, text: 'A green heron' } });
    expect((await db.jobWords.get('b'))?.words).toEqual(['a', 'green', 'heron']);
    await db.jobs.bulkDelete(['a']);
    expect(await stored(db)).toEqual({ queued: 1 });
    expect(await db.jobWords.get('a')).toBeUndefined();
    await db.jobs.bulkPut([makeJob({ id: 'a', status: 'failed' }, 'A red owl')]);
    expect(await stored(db)).toEqual({ queued: 1, failed: 1 });
    // A failed write changes nothing: the duplicate aborts the whole transaction.
    await expect(addJobs(db, [makeJob({ id: 'c' }), makeJob({ id: 'a' })])).rejects.toThrow();
    expect(await stored(db)).toEqual({ queued: 1, failed: 1 });
    expect(await db.jobWords.count()).toBe(2);
    await db.jobs.where('status').equals('failed').delete();
    expect(await stored(db)).toEqual({ queued: 1 });
    await db.jobs.clear();
    expect(await stored(db)).toEqual({});
    expect(await db.jobWords.count()).toBe(0);
  });

  it('answers counts, the summary and the first page without reading every job', async () => {
    await seedMany(db);
    expect(await stored(db)).toEqual(await recount(db));
    startCounting();
    const counts = await statusCounts(db);
    expect(counts.total).toBe(JOBS);
    expect(counts.byStatus.done).toBe(JOBS / STATUSES.length);
    const all: QueueQuery = { filter: 'all', search: '', order: 'newest' };
    expect(await countQueue(db, all)).toBe(JOBS);
    expect(await countQueue(db, { ...all, hideFinished: true })).toBe((JOBS / STATUSES.length) * 2);
    expect((await computeSummary(db, 0)).counts.queued).toBe(JOBS / STATUSES.length);
    expect(reads).toEqual({ rows: 0, counts: 0 });
    const first = await pageQueue(db, all, 0, 40);
    expect(first.map((j) => j.seq).slice(0, 2)).toEqual([JOBS, JOBS - 1]);
    expect(reads.rows).toBe(40);
    expect(reads.counts).toBe(0);
  });

  it('finds a prompt among thousands by reading its matches only (word prefixes)', async () => {
    await seedMany(db);
    startCounting();
    const query: QueueQuery = { filter: 'all', search: 'number 2493', order: 'newest' };
    expect((await pageQueue(db, query, 0, 40)).map((j) => j.id)).toEqual(['job-2493']);
    expect(await countQueue(db, query)).toBe(1);
    // "number" is in every prompt (more than NARROW_CAP), so "2493" narrows: one row each time.
    expect(JOBS).toBeGreaterThan(Math.max(NARROW_CAP, SCAN_LIMIT));
    expect(reads.rows).toBe(2);
    reads.rows = 0;
    const light = await pageQueue(db, { ...query, search: 'LIGHT' }, 0, 40);
    expect(light.map((j) => j.input.text)).toEqual([
      'Lighthouse keeper number 2000',
      'Lighthouse keeper number 1500',
      'Lighthouse keeper number 1000',
      'Lighthouse keeper number 500',
      'Lighthouse keeper number 0',
    ]);
    expect(reads.rows).toBe(5);
    // Status filters apply to the matches.
    const done = await pageQueue(db, { ...query, search: 'lighthouse', filter: 'done' }, 0, 40);
    expect(done.map((j) => j.id)).toEqual(['job-2000', 'job-1500', 'job-1000', 'job-500', 'job-0']);
    // Every word must match: "lighthouse 2993" matches nothing.
    expect(await countQueue(db, { ...query, search: 'lighthouse 2493' })).toBe(0);
  });

  it('searches only the newest jobs, and says so, when every query word is common', async () => {
    await seedMany(db);
    startCounting();
    const hits = await searchJobs(db, 'benchmark prompt', () => true);
    expect(hits.limited).toBe(true);
    expect(reads.rows).toBe(SCAN_LIMIT);
    expect(hits.jobs.length).toBeLessThanOrEqual(SCAN_LIMIT);
    expect(hits.jobs.every((j) => j.seq > JOBS - SCAN_LIMIT)).toBe(true);
  });

  it('matches Chinese by character, file names by word, and the gallery through the same index', async () => {
    await addJobs(db, [
      makeJob({ id: 'zh', status: 'completed', seq: 1 }, '海边的灯塔，夜晚'),
      makeJob(
        {
          id: 'file',
          status: 'completed',
          seq: 2,
          download: { fileName: 'Sora/owl-at-night_2026-01-02.mp4', downloadId: 7 },
        },
        'A bird',
      ),
      makeJob({ id: 'queued', seq: 3 }, '灯塔 at dawn'),
    ]);
    expect(searchWords('海边的灯塔，Night-Owl 42')).toEqual([
      '海',
      '边',
      '的',
      '灯',
      '塔',
      'night',
      'owl',
      '42',
    ]);
    const gallery = (search: string) =>
      pageGallery(db, { search, kind: 'all', order: 'newest' }, 10).then((jobs) => jobs.map((j) => j.id));
    expect(await gallery('灯塔')).toEqual(['zh']);
    expect(await gallery('owl night')).toEqual(['file']);
    expect(await gallery('2026')).toEqual(['file']);
    expect(await countQueue(db, { filter: 'all', search: '灯塔', order: 'queue' })).toBe(2);
  });
});

describe('the published summary', () => {
  it('counts the jobs holding a slot per backend, reading only those', async () => {
    const db = new SoraDb(`summary-${crypto.randomUUID()}`);
    await addJobs(
      db,
      [
        makeJob({ id: 'a', seq: 1, status: 'generating', taskId: 't1' }),
        makeJob({ id: 'b', seq: 2, status: 'submitting', backendId: 'conn_00000000000000a1' }),
        makeJob({ id: 'c', seq: 3, status: 'reconciling', backendId: 'conn_00000000000000a1' }),
        makeJob({ id: 'd', seq: 4, status: 'queued', backendId: 'conn_00000000000000a1' }),
        makeJob({ id: 'e', seq: 5, status: 'completed', backendId: 'conn_00000000000000a1' }),
      ],
      null,
    );
    const summary = await computeSummary(db, 0);
    expect(summary.inFlight).toEqual({ sora: 1, conn_00000000000000a1: 2 });
    expect(summary.counts.generating).toBe(1);
    await db.delete();
  });
});
