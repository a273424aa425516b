import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { v1 } from '../lib/db/migrations/v1';
import { type Sim, startSim } from '../sim';
import { type Browser, launch } from './harness';
import { waitFor } from './wait';

// Checklist line 10 in real Chromium: a v1 database upgrades with every row, and an open side panel
// on the old connection closes on `versionchange` and reloads, so the upgrade is not blocked.

type Fixture = { tables: Record<string, Record<string, unknown>[]> };
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '../tests/db/fixtures/v1.json'), 'utf8'),
) as Fixture;

let sim: Sim | null = null;
let browser: Browser | null = null;
afterEach(async () => {
  await browser?.dispose();
  await sim?.close();
  browser = sim = null;
});

/** Dexie's `stores()` syntax → what raw IndexedDB needs to build the same v1 database. */
function v1Layout() {
  return Object.entries(v1.stores).map(([name, spec]) => {
    const [primary, ...indexes] = (spec ?? '').split(',').map((s) => s.trim());
    return {
      name,
      keyPath: primary!.replace(/^\+\+/, ''),
      autoIncrement: primary!.startsWith('++'),
      indexes: indexes.map((i) => ({
        name: i.replace(/^\*/, ''),
        keyPath: i.startsWith('[') ? i.slice(1, -1).split('+') : i.replace(/^\*/, ''),
        multiEntry: i.startsWith('*'),
      })),
    };
  });
}

test('a v1 database upgrades to v2 in Chromium with every row; an open panel yields to a newer version and reloads', async () => {
  sim = await startSim({});
  browser = await launch({ sim });
  await browser.signIn();
  // The worker opened the current database at start; stop it and build a v1 database in its place.
  await browser.stopServiceWorker();
  const options = await browser.openPage('options');
  const made = await options.evaluate(
    async ({ layout, tables }) => {
      await new Promise<void>((ok, fail) => {
        const del = indexedDB.deleteDatabase('sora-companion');
        del.onsuccess = () => ok();
        del.onerror = () => fail(del.error);
        del.onblocked = () => fail(new Error('delete blocked'));
      });
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open('sora-companion', 10); // Dexie version 1 = IndexedDB version 10
        req.onupgradeneeded = () => {
          for (const s of layout) {
            const store = req.result.createObjectStore(s.name, {
              keyPath: s.keyPath,
              autoIncrement: s.autoIncrement,
            });
            for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { multiEntry: i.multiEntry });
          }
        };
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const tx = db.transaction(Object.keys(tables), 'readwrite');
      for (const [name, rows] of Object.entries(tables))
        for (const row of rows) tx.objectStore(name).add(row);
      await new Promise((ok) => (tx.oncomplete = ok));
      db.close();
      return db.version;
    },
    { layout: v1Layout(), tables: fixture.tables },
  );
  expect(made).toBe(10);

  // The side panel (and the worker it wakes) open the database with the current code: v1 → v2.
  const panel = await browser.openPage('sidepanel');
  await panel.getByTestId('tab-queue').click();
  await waitFor(
    async () => (await panel.getByTestId('job-row').count()) === fixture.tables.jobs!.length,
    'the v1 jobs in the queue',
  );
  const after = await options.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open('sora-companion');
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const all = (t: string) =>
      new Promise<Record<string, unknown>[]>((ok) => {
        const q = db.transaction(t).objectStore(t).getAll();
        q.onsuccess = () => ok(q.result as Record<string, unknown>[]);
      });
    const out = {
      version: db.version,
      stores: [...db.objectStoreNames],
      jobs: await all('jobs'),
      results: await all('results'),
      characters: await all('characters'),
    };
    db.close();
    return out;
  });
  expect(after.version).toBe(20);
  expect(after.stores).toEqual(
    expect.arrayContaining(['jobs', 'libraryItems', 'backupRuns', 'backupItems', 'libraryScans']),
  );
  // The worker goes on with the queued jobs at once, so compare what a job never changes.
  const key = (j: Record<string, unknown>) => JSON.stringify([j.id, j.seq, j.batchId, j.createdAt, j.input]);
  expect(after.jobs.map(key).sort()).toEqual(fixture.tables.jobs!.map(key).sort());
  expect(after.results).toEqual(fixture.tables.results);
  expect(after.characters).toEqual(fixture.tables.characters);

  // A newer version arrives while the panel holds the old connection: the panel closes it and
  // reloads (its onVersionChange), so the upgrade goes through instead of waiting on `blocked`.
  await panel.evaluate(() => {
    (window as unknown as { beforeUpgrade: boolean }).beforeUpgrade = true;
  });
  const reloaded = panel.waitForEvent('load', { timeout: 15_000 });
  const upgrade = await options.evaluate(
    () =>
      new Promise<{ version: number; blocked: boolean }>((ok, fail) => {
        let blocked = false;
        const req = indexedDB.open('sora-companion', 30);
        req.onblocked = () => {
          blocked = true;
        };
        req.onupgradeneeded = () => req.result.createObjectStore('probe');
        req.onsuccess = () => {
          req.result.close();
          ok({ version: req.result.version, blocked });
        };
        req.onerror = () => fail(req.error);
        setTimeout(() => fail(new Error('the upgrade waited more than 10 s')), 10_000);
      }),
  );
  expect(upgrade).toEqual({ version: 30, blocked: false });
  await reloaded;
  expect(
    await panel.evaluate(() => (window as unknown as { beforeUpgrade?: boolean }).beforeUpgrade),
  ).toBeUndefined();
});
