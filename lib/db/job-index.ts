import {
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type DBCoreTable,
  type DBCoreTransaction,
  Dexie,
  type Middleware,
  type Transaction,
} from 'dexie';
import { jobSearchWords } from './search-words';

/**
 * What keeps the queue cheap to read at 100,000 jobs (issue 14): a row per job status holding how
 * many jobs are in it, and each job's search words under a multi-entry index. Both are written in
 * the same transaction as the job rows by a Dexie middleware, so every write path (the pipeline,
 * queue actions, imports, undo) keeps them exact without knowing they exist. Counting or searching
 * then reads a handful of rows instead of every job (IndexedDB's own count() walks the whole range).
 */
export const COUNTS_TABLE = 'jobCounts';
export const WORDS_TABLE = 'jobWords';

/** How many jobs are in one internal status. */
export interface JobCountRow {
  status: string;
  n: number;
}

/** A job's search words (lib/db/search-words.ts), under the multi-entry `words` index. */
export interface JobWordsRow {
  id: string;
  words: string[];
}

/** The fields of a stored job the index reads (raw rows, before the reading hook). */
interface IndexedJob {
  id: string;
  status: string;
  input: { text: string };
  download?: { fileName: string } | null;
}

type Change = [before: IndexedJob | undefined, after: IndexedJob | undefined];

function storeNames(trans: DBCoreTransaction): DOMStringList | undefined {
  return (trans as unknown as { objectStoreNames?: DOMStringList }).objectStoreNames;
}

/** Whether this transaction can write the index tables (not during an upgrade that predates them). */
function covers(trans: DBCoreTransaction): boolean {
  const names = storeNames(trans);
  return !!names && names.contains(COUNTS_TABLE) && names.contains(WORDS_TABLE);
}

function changesOf(
  req: DBCoreMutateRequest,
  res: DBCoreMutateResponse,
  before: readonly (IndexedJob | undefined)[],
): Change[] {
  const ok = (i: number): boolean => !res.failures[i];
  switch (req.type) {
    case 'add':
    case 'put':
      return req.values.flatMap((value, i) => (ok(i) ? [[before[i], value as IndexedJob] as Change] : []));
    case 'delete':
      return before.flatMap((row, i) => (row && ok(i) ? [[row, undefined] as Change] : []));
    case 'deleteRange':
      return before.flatMap((row) => (row ? [[row, undefined] as Change] : []));
  }
}

/**
 * The rows a request replaces or deletes, read in its transaction before it runs (null: an add,
 * which replaces nothing). Promise chains, not `await`: Dexie's zone (the current transaction, which
 * the middlewares below read) follows its own promises' `then`, and a native `await` would drop it.
 */
function rowsBefore(
  table: DBCoreTable,
  req: DBCoreMutateRequest,
): Promise<(IndexedJob | undefined)[]> | null {
  const { trans } = req;
  switch (req.type) {
    case 'add':
      return null;
    case 'put': {
      const extract = table.schema.primaryKey.extractKey;
      const keys = req.keys ?? req.values.map((v) => (extract ? extract(v) : undefined));
      return table.getMany({ trans, keys }) as Promise<(IndexedJob | undefined)[]>;
    }
    case 'delete':
      return table.getMany({ trans, keys: req.keys }) as Promise<(IndexedJob | undefined)[]>;
    case 'deleteRange':
      return table
        .query({ trans, values: true, query: { index: table.schema.primaryKey, range: req.range } })
        .then((found) => found.result as IndexedJob[]);
  }
}

const wordsKey = (job: IndexedJob | undefined): string =>
  job ? `${job.input.text}\u0000${job.download?.fileName ?? ''}` : '';

/** Applies the changes to the count rows and the words rows, in the same transaction. */
function record(down: DBCore, trans: DBCoreTransaction, changes: readonly Change[]): Promise<unknown> {
  const delta = new Map<string, number>();
  const bump = (status: string, by: number): void => {
    delta.set(status, (delta.get(status) ?? 0) + by);
  };
  const put: JobWordsRow[] = [];
  const gone: string[] = [];
  for (const [before, after] of changes) {
    if (before?.status !== after?.status) {
      if (before) bump(before.status, -1);
      if (after) bump(after.status, 1);
    }
    if (after && wordsKey(before) !== wordsKey(after))
      put.push({ id: after.id, words: jobSearchWords(after) });
    if (before && !after) gone.push(before.id);
  }
  const statuses = [...delta].filter(([, by]) => by !== 0).map(([status]) => status);
  const counts = down.table(COUNTS_TABLE);
  const words = down.table(WORDS_TABLE);
  const writes: Promise<unknown>[] = [];
  if (statuses.length > 0)
    writes.push(
      counts.getMany({ trans, keys: statuses }).then((current: (JobCountRow | undefined)[]) =>
        counts.mutate({
          type: 'put',
          trans,
          values: statuses.map((status, i) => ({
            status,
            n: Math.max(0, (current[i]?.n ?? 0) + (delta.get(status) ?? 0)),
          })),
        }),
      ),
    );
  if (put.length > 0) writes.push(words.mutate({ type: 'put', trans, values: put }));
  if (gone.length > 0) writes.push(words.mutate({ type: 'delete', trans, keys: gone }));
  // Dexie's own Promise.all keeps the transaction's zone (see rowsBefore).
  return Dexie.Promise.all(writes);
}

/** Registered on the database: see the module comment. */
export const jobIndexMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'JobIndex',
  create(down) {
    const tables = new Set(down.schema.tables.map((t) => t.name));
    if (!tables.has('jobs') || !tables.has(COUNTS_TABLE) || !tables.has(WORDS_TABLE)) return down;
    return {
      ...down,
      // Every transaction that may write jobs also holds the index tables, so they change together.
      transaction(stores, mode, options) {
        const scope =
          mode === 'readwrite' && stores.includes('jobs')
            ? [...new Set([...stores, COUNTS_TABLE, WORDS_TABLE])]
            : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'jobs') return table;
        return {
          ...table,
          mutate(req) {
            if (!covers(req.trans)) return table.mutate(req);
            const after = (before: (IndexedJob | undefined)[]) =>
              table
                .mutate(req)
                .then((res) => record(down, req.trans, changesOf(req, res, before)).then(() => res));
            const reading = rowsBefore(table, req);
            return reading ? reading.then(after) : after([]);
          },
        };
      },
    };
  },
};

/**
 * Rebuilds both index tables from the job rows (one pass): the upgrade that adds them runs it, and
 * so must any later upgrade that rewrites job rows before the middleware is in place.
 */
export async function rebuildJobIndex(tx: Transaction): Promise<void> {
  const counts = new Map<string, number>();
  const words: JobWordsRow[] = [];
  await tx.table('jobs').each((job: IndexedJob) => {
    counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
    words.push({ id: job.id, words: jobSearchWords(job) });
  });
  await tx.table(COUNTS_TABLE).clear();
  await tx.table(COUNTS_TABLE).bulkPut([...counts].map(([status, n]) => ({ status, n })));
  await tx.table(WORDS_TABLE).clear();
  await tx.table(WORDS_TABLE).bulkPut(words);
}
