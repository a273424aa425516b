import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS } from '@/lib/db/migrations';
import type { Migration } from '@/lib/db/migrations/types';
import {
  BatchRowSchema,
  CharacterRowSchema,
  EventRowSchema,
  RequestLogRowSchema,
  ResultRowSchema,
} from '@/lib/db/rows';
import { SoraDb } from '@/lib/db/schema';
import {
  BackupItemRowSchema,
  BackupRunRowSchema,
  LibraryItemRowSchema,
  LibraryScanRowSchema,
} from '@/lib/library/rows';
import { type JobRow, JobRowSchema, normalizeJobRow } from '@/lib/queue/job';

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
type Fixture = { version: number; tables: Record<string, Record<string, unknown>[]> };
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(resolve(FIXTURES, f), 'utf8')) as Fixture);

const ROW_SCHEMAS = {
  jobs: JobRowSchema,
  batches: BatchRowSchema,
  results: ResultRowSchema,
  events: EventRowSchema,
  requestLog: RequestLogRowSchema,
  characters: CharacterRowSchema,
  // v2 (issue 15)
  libraryItems: LibraryItemRowSchema,
  libraryScans: LibraryScanRowSchema,
  backupRuns: BackupRunRowSchema,
  backupItems: BackupItemRowSchema,
} as const;

async function fillAtVersion(name: string, fixture: Fixture): Promise<void> {
  const old = new SoraDb(
    name,
    MIGRATIONS.filter((m) => m.version <= fixture.version),
  );
  await old.open();
  for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
  old.close();
}

describe('schema versions', () => {
  it('has a frozen fixture for every shipped version', () => {
    expect(fixtures.map((f) => f.version).sort()).toEqual(MIGRATIONS.map((m) => m.version));
  });

  for (const fixture of fixtures) {
    it(`upgrades a v${fixture.version} database to the current version, keeping every row`, async () => {
      const name = `upgrade-${crypto.randomUUID()}`;
      await fillAtVersion(name, fixture);
      const db = new SoraDb(name);
      await db.open();
      for (const [table, schema] of Object.entries(ROW_SCHEMAS)) {
        const rows = await db.table(table).toArray();
        expect(rows, table).toHaveLength(fixture.tables[table]?.length ?? 0);
        for (const row of rows) expect(schema.safeParse(row).success, `${table} row parses`).toBe(true);
      }
      const jobs = await db.jobs.orderBy('seq').toArray();
      expect(jobs.map((j) => [j.id, j.status, j.taskId])).toEqual(
        (fixture.tables.jobs ?? []).map((j) => [j.id, j.status, j.taskId]),
      );
      db.close();
    });
  }

  it('v1 → v2 adds the library tables empty and keeps every v1 row field for field', async () => {
    const v1 = fixtures.find((f) => f.version === 1)!;
    const name = `v1-v2-${crypto.randomUUID()}`;
    await fillAtVersion(name, v1);
    const db = new SoraDb(
      name,
      MIGRATIONS.filter((m) => m.version <= 2),
    );
    await db.open();
    expect(db.verno).toBe(2);
    for (const [table, rows] of Object.entries(v1.tables)) {
      const stored = await db.table(table).toArray();
      // Job rows read back with the defaults of the fields added since v1 (the reading hook);
      // every field the v1 row had is kept as it was.
      const expected = table === 'jobs' ? rows.map((row) => normalizeJobRow(row as JobRow)) : rows;
      expect(stored, table).toEqual(expected);
    }
    for (const table of ['libraryItems', 'libraryScans', 'backupRuns', 'backupItems'])
      expect(await db.table(table).count(), table).toBe(0);
    // The new indexes answer the queries the backup step makes.
    await db.backupItems.add(
      BackupItemRowSchema.parse(fixtures.find((f) => f.version === 2)!.tables.backupItems![0]),
    );
    expect(await db.backupItems.where('[runId+state]').equals(['backup-fixture-1', 'done']).count()).toBe(1);
    db.close();
  });

  it('v2 → v4 fills the count rows and search words from the jobs already stored', async () => {
    const v2 = fixtures.find((f) => f.version === 2)!;
    const name = `v2-v4-${crypto.randomUUID()}`;
    await fillAtVersion(name, v2);
    const db = new SoraDb(name);
    await db.open();
    const jobs = v2.tables.jobs as { id: string; status: string; input: { text: string } }[];
    const expected: Record<string, number> = {};
    for (const job of jobs) expected[job.status] = (expected[job.status] ?? 0) + 1;
    const counts = Object.fromEntries((await db.jobCounts.toArray()).map((r) => [r.status, r.n]));
    expect(counts).toEqual(expected);
    expect((await db.jobWords.toArray()).map((r) => r.id).sort()).toEqual(jobs.map((j) => j.id).sort());
    const first = jobs[0]!;
    const word = first.input.text.split(' ').at(-1)!.toLowerCase();
    expect(await db.jobWords.where('words').equals(word).primaryKeys()).toContain(first.id);
    db.close();
  });

  it('a failing upgrade stops with an error and leaves the data as it was', async () => {
    const name = `broken-${crypto.randomUUID()}`;
    await fillAtVersion(name, fixtures[0]!);
    const broken: Migration = {
      version: CURRENT_VERSION + 1,
      stores: {},
      upgrade: async () => {
        throw new Error('upgrade failed on purpose');
      },
    };
    const db = new SoraDb(name, [...MIGRATIONS, broken]);
    await expect(db.open()).rejects.toThrow(/upgrade failed on purpose/);
    db.close();
    const again = new SoraDb(name);
    await again.open();
    expect(await again.jobs.count()).toBe(fixtures[0]!.tables.jobs!.length);
    expect(again.verno).toBe(CURRENT_VERSION);
    again.close();
  });
});
