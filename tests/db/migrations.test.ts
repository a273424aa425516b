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
import { JobRowSchema } from '@/lib/queue/job';

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
      expect(stored, table).toEqual(rows);
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

  it('v2 → v3 stores every request shape in neutral terms, on the Sora session, with every field', async () => {
    const base = fixtures.find((f) => f.version === 2)!.tables.jobs![0]!;
    // Each kind of request as schema v2 stored it (frozen literals: Sora ids, frames, requiresPro).
    const sora = (backend: object, extra: object = {}) => ({
      kind: 'video',
      prompt: 'A lighthouse at dusk',
      styleId: null,
      remixTargetId: null,
      storyboard: null,
      images: [],
      characterVideo: null,
      backend,
      ...extra,
    });
    const requests: Record<string, object> = {
      hd: sora(
        { model: 'sy_ore', orientation: 'portrait', size: 'large', nFrames: 450 },
        { model: 'sora2pro-hd-portrait-15s', requiresPro: true },
      ),
      long: sora(
        { model: 'sy_8', orientation: 'landscape', size: 'small', nFrames: 750 },
        {
          model: 'sora2-landscape-25s',
          requiresPro: true,
          styleId: 'anime',
          remixTargetId: `s_${'a'.repeat(32)}`,
        },
      ),
      image: { kind: 'image', model: 'gpt-image', prompt: 'A fox', width: 360, height: 360, images: [] },
      enhance: {
        kind: 'enhance',
        model: 'prompt-enhance-short-10s',
        prompt: 'A fox',
        level: 'short',
        durationS: 10,
      },
      character: {
        kind: 'character',
        model: 'sora2-landscape-10s',
        video: { source: 'data', url: 'sora-input:abc', mime: 'video/mp4', approxBytes: 10 },
      },
    };
    const name = `v2-v3-${crypto.randomUUID()}`;
    const old = new SoraDb(
      name,
      MIGRATIONS.filter((m) => m.version <= 2),
    );
    await old.open();
    await old
      .table('jobs')
      .bulkAdd(Object.entries(requests).map(([id, request], i) => ({ ...base, id, seq: i + 1, request })));
    old.close();
    const db = new SoraDb(
      name,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    await db.open();
    expect(db.verno).toBe(3);
    const rows = Object.fromEntries((await db.jobs.toArray()).map((row) => [row.id, row]));
    for (const row of Object.values(rows)) {
      expect(JobRowSchema.safeParse(row).success, `${row.id} parses`).toBe(true);
      expect(row).toMatchObject({ backendId: 'sora', reconcile: null, extras: [], finalizeIntent: null });
      expect(JSON.stringify(row.request)).not.toMatch(/sy_8|sy_ore|nFrames|requiresPro|"small"|"large"/);
    }
    expect(rows.hd!.request).toMatchObject({
      model: 'sora2pro-hd-portrait-15s',
      params: { aspect: 'portrait', durationS: 15, quality: 'high' },
    });
    expect(rows.long!.request).toMatchObject({
      params: { aspect: 'landscape', durationS: 25, quality: 'standard' },
      styleId: 'anime',
      remixTargetId: `s_${'a'.repeat(32)}`,
    });
    expect(rows.image!.request).toEqual(requests.image);
    expect(rows.enhance!.request).toEqual(requests.enhance);
    expect(rows.character!.request).toEqual(requests.character);
    // Everything else on the row is kept as it was.
    const { request: _r, id: _i, seq: _s, ...rest } = base;
    expect(rows.hd).toMatchObject(rest);
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
