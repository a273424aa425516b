import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS } from '../lib/db/migrations';
import { type Sim, startSim } from '../sim';
import { type Browser, launch } from './harness';
import { waitFor } from './wait';

// Checklist line 10 in real Chromium: a database of the previous schema version upgrades with every
// row, and an open side panel on the old connection closes on `versionchange` and reloads, so the
// upgrade is not blocked.

const PREVIOUS = CURRENT_VERSION - 1;
/** Dexie's version n is IndexedDB's version 10·n. */
const idb = (dexieVersion: number): number => dexieVersion * 10;

type Fixture = { tables: Record<string, Record<string, unknown>[]> };
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, `../tests/db/fixtures/v${PREVIOUS}.json`), 'utf8'),
) as Fixture;

let sim: Sim | null = null;
let browser: Browser | null = null;
afterEach(async () => {
  await browser?.dispose();
  await sim?.close();
  browser = sim = null;
});

/** Dexie's `stores()` syntax, up to the previous version → what raw IndexedDB needs to build that database. */
function previousLayout() {
  const stores: Record<string, string> = {};
  for (const m of MIGRATIONS.filter((m) => m.version <= PREVIOUS))
    for (const [name, spec] of Object.entries(m.stores)) {
      if (spec === null) delete stores[name];
      else stores[name] = spec;
    }
  return Object.entries(stores).map(([name, spec]) => {
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

test(`a v${PREVIOUS} database upgrades to v${CURRENT_VERSION} in Chromium with every row; an open panel yields to a newer version and reloads`, async () => {
  sim = await startSim({});
  browser = await launch({ sim });
  await browser.signIn();
  // The worker opened the current database at start; stop it and build the previous version in its
  // place, from an extension-origin page without any code of ours (an extension page would wake the
  // worker, which would open the current version again). The worker may still wake on its own (an
  // alarm, a download event) between the delete and the open and build the current version first:
  // then it is stopped again and the previous version rebuilt.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/manifest.json`);
  const build = () =>
    options.evaluate(
      async ({ layout, tables, version }) => {
        await new Promise<void>((ok, fail) => {
          const del = indexedDB.deleteDatabase('sora-companion');
          del.onsuccess = () => ok();
          del.onerror = () => fail(del.error);
        });
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const req = indexedDB.open('sora-companion', version);
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
      { layout: previousLayout(), tables: fixture.tables, version: idb(PREVIOUS) },
    );
  let made: number | string = 'not built';
  for (let attempt = 0; attempt < 5 && made !== idb(PREVIOUS); attempt++) {
    await browser.stopServiceWorker();
    made = await build().catch((error: unknown) => String(error));
  }
  expect(made).toBe(idb(PREVIOUS));

  // The side panel (and the worker it wakes) open the database with the current code.
  const panel = await browser.openPage('sidepanel');
  await panel.getByTestId('tab-queue').click();
  await waitFor(
    async () => (await panel.getByTestId('job-row').count()) === fixture.tables.jobs!.length,
    `the v${PREVIOUS} jobs in the queue`,
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
  expect(after.version).toBe(idb(CURRENT_VERSION));
  expect(after.stores).toEqual(
    expect.arrayContaining(['jobs', 'libraryItems', 'backupRuns', 'backupItems', 'libraryScans']),
  );
  // The worker goes on with the queued jobs at once, so compare what a job never changes.
  const key = (j: Record<string, unknown>) => JSON.stringify([j.id, j.seq, j.batchId, j.createdAt, j.input]);
  expect(after.jobs.map(key).sort()).toEqual(fixture.tables.jobs!.map(key).sort());
  // Every row in the current shape: the job's backend named, the request in neutral terms.
  for (const job of after.jobs) {
    expect(job.backendId, String(job.id)).toBe('sora');
    expect(JSON.stringify(job.request)).not.toMatch(/"backend"|sy_8|nFrames/);
  }
  expect(after.results).toEqual(fixture.tables.results);
  expect(after.characters).toEqual(fixture.tables.characters);

  // A newer version arrives while the panel holds the old connection: the panel closes it and
  // reloads (its onVersionChange), so the upgrade goes through instead of waiting on `blocked`.
  await panel.evaluate(() => {
    (window as unknown as { beforeUpgrade: boolean }).beforeUpgrade = true;
  });
  const reloaded = panel.waitForEvent('load', { timeout: 15_000 });
  const upgrade = await options.evaluate(
    (newer: number) =>
      new Promise<{ version: number; blocked: boolean }>((ok, fail) => {
        let blocked = false;
        const req = indexedDB.open('sora-companion', newer);
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
    idb(CURRENT_VERSION + 1),
  );
  expect(upgrade).toEqual({ version: idb(CURRENT_VERSION + 1), blocked: false });
  await reloaded;
  expect(
    await panel.evaluate(() => (window as unknown as { beforeUpgrade?: boolean }).beforeUpgrade),
  ).toBeUndefined();
});
