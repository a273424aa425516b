import { afterEach, describe, expect, it } from 'vitest';
import { activeRun, startBackup } from '@/lib/library/backup';
import { INDEX_FILE } from '@/lib/library/files';
import { ITEM_MAX_ATTEMPTS } from '@/lib/library/transfer';
import { blobName, mediaContent } from '@/sim';
import { createLibraryHarness } from './harness';

type Harness = Awaited<ReturnType<typeof createLibraryHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const runDone = async (x: Harness) => (await x.db.backupRuns.toCollection().last())?.state === 'done';
const mediaFiles = (x: Harness) => [...x.downloads.files.keys()].filter((p) => /\.(mp4|png)$/.test(p));

async function backUpEverything(x: Harness) {
  const started = await startBackup(x.db, x.source, { layout: 'kind', pace: 'fast' }, Date.now());
  expect(started).toHaveProperty('runId');
  await x.until(() => runDone(x), 60_000);
}

describe('backing up the whole library', { timeout: 60_000 }, () => {
  it('saves every draft, post and character once, bytes equal, with a sidecar each and the index', async () => {
    h = await createLibraryHarness({ mediaBytes: 4_096 });
    h.sim.library.seed({ drafts: 40, posts: 5, characters: 2 });
    await backUpEverything(h);
    const media = mediaFiles(h);
    expect(media).toHaveLength(47);
    expect(media.filter((p) => / \(\d+\)\./.test(p))).toEqual([]);
    // Each draft's file is exactly the simulator's bytes for that generation.
    for (const task of h.sim.tasks()) {
      const path = media.find((p) => p.includes(task.genId) && p.includes('/drafts/'));
      expect(path, task.genId).toBeDefined();
      expect(
        h.downloads.files.get(path!)?.equals(mediaContent(blobName(task.mediaId, 'source'), 4_096)),
      ).toBe(true);
    }
    for (const path of media) {
      const sidecar = h.downloads.files.get(path.replace(/\.\w+$/, '.json'))?.toString('utf8') ?? '';
      expect(JSON.parse(sidecar)).toHaveProperty('prompt');
      expect(sidecar).not.toMatch(/https?:|sig=|se=|Bearer|eyJ/);
    }
    const index = JSON.parse(h.downloads.files.get(`/downloads/${INDEX_FILE}`)!.toString('utf8'));
    expect(index.items).toHaveLength(47);
    // Listing walked the drafts list in pages of 15, with the cursor.
    expect(h.sim.log.count('GET', '/backend/project_y/profile/drafts/v2')).toBe(3);
  });

  it('a worker stopped between download() and saving its id finds the download again (no second file)', async () => {
    h = await createLibraryHarness({ mediaBytes: 2_048 });
    h.sim.library.seed({ drafts: 12 });
    const real = h.port.download;
    let crashes = 0;
    h.port.download = async (options) => {
      const id = await real(options);
      if (options.filename.endsWith('.mp4') && crashes < 4) {
        crashes++;
        h!.restart();
        throw new Error('worker stopped');
      }
      return id;
    };
    await backUpEverything(h);
    expect(crashes).toBe(4);
    expect(h.downloads.items.filter((i) => i.filename.endsWith('.mp4'))).toHaveLength(12);
    expect(mediaFiles(h)).toHaveLength(12);
  });

  it('downloads.download() failing in the browser ("No SW" while the worker stops), before or after it started the file: retried, saved once, never a failure', async () => {
    h = await createLibraryHarness({ mediaBytes: 2_048 });
    h.sim.library.seed({ drafts: 8 });
    const real = h.port.download;
    let refused = 0;
    let startedThenThrew = 0;
    h.port.download = async (options) => {
      if (!options.filename.endsWith('.mp4')) return real(options);
      if (refused < 2) {
        refused++;
        throw new Error('No SW');
      }
      const id = await real(options);
      if (startedThenThrew < 2) {
        startedThenThrew++;
        throw new Error('No SW');
      }
      return id;
    };
    await backUpEverything(h);
    expect([refused, startedThenThrew]).toEqual([2, 2]);
    const run = (await h.db.backupRuns.toCollection().last())!;
    const items = await h.db.backupItems.where('runId').equals(run.id).toArray();
    expect(items.filter((i) => i.state !== 'done').map((i) => [i.state, i.reason])).toEqual([]);
    expect(mediaFiles(h)).toHaveLength(8);
    expect(h.downloads.items.filter((i) => i.filename.endsWith('.mp4'))).toHaveLength(8); // the two refused calls started nothing; the two that threw after starting were adopted
  });

  it('a browser that is closing refuses every download() (more often than the attempt budget): no item fails for it, each is saved once', async () => {
    h = await createLibraryHarness({ mediaBytes: 2_048 });
    h.sim.library.seed({ drafts: 4 });
    const real = h.port.download;
    let refused = 0;
    h.port.download = async (options) => {
      if (options.filename.endsWith('.mp4') && refused < ITEM_MAX_ATTEMPTS + 3) {
        refused++;
        throw new Error('The browser is shutting down.');
      }
      return real(options);
    };
    await backUpEverything(h);
    expect(refused).toBe(ITEM_MAX_ATTEMPTS + 3);
    const run = (await h.db.backupRuns.toCollection().last())!;
    const items = await h.db.backupItems.where('runId').equals(run.id).toArray();
    expect(items.map((i) => [i.state, i.reason ?? null])).toEqual(Array(4).fill(['done', null]));
    expect(h.downloads.items.filter((i) => i.filename.endsWith('.mp4'))).toHaveLength(4);
  });

  it('a sidecar the browser did not finish writing (closed mid-write) is written again before the item is done', async () => {
    h = await createLibraryHarness({ mediaBytes: 2_048 });
    h.sim.library.seed({ drafts: 6 });
    const real = h.port.download;
    let cut = 0;
    h.port.download = async (options) => {
      const id = await real(options);
      if (options.filename.endsWith('.json') && !options.filename.endsWith('backup-index.json') && cut < 3) {
        cut++;
        // What a browser restart leaves: the download interrupted and no file on disk.
        const item = h!.downloads.items.find((i) => i.id === id)!;
        Object.assign(item, { state: 'interrupted', error: 'USER_SHUTDOWN' });
        h!.downloads.files.delete(item.filename);
      }
      return id;
    };
    await backUpEverything(h);
    expect(cut).toBe(3);
    const media = mediaFiles(h);
    expect(media).toHaveLength(6);
    for (const path of media) expect(h.downloads.files.has(path.replace(/\.\w+$/, '.json')), path).toBe(true);
  });

  it('a second backup saves only what is new', async () => {
    h = await createLibraryHarness({ mediaBytes: 1_024 });
    h.sim.library.seed({ drafts: 20 });
    await backUpEverything(h);
    const before = h.downloads.items.filter((i) => i.filename.endsWith('.mp4')).length;
    const added = h.sim.library.addDrafts(5, 60_000);
    await backUpEverything(h);
    const after = h.downloads.items.filter((i) => i.filename.endsWith('.mp4'));
    expect(after.length - before).toBe(5);
    expect(
      after
        .slice(before)
        .map((i) => i.filename.match(/(gen_\w+)\.mp4$/)![1])
        .sort(),
    ).toEqual(added.map((t) => t.genId).sort());
    const run = await h.db.backupRuns.toCollection().last();
    expect(run?.skipped).toBe(20);
  });

  it('an item deleted mid-backup is reported gone and not retried; the rest are saved', async () => {
    h = await createLibraryHarness({ mediaBytes: 1_024 });
    h.sim.library.addDrafts(10);
    await startBackup(h.db, h.source, { layout: 'date', pace: 'fast' }, Date.now());
    // One the backup has not started yet (three run at a time, so one is always waiting);
    // nothing ticks between reading it and deleting it.
    const waiting = () => h!.db.backupItems.where('state').equals('waiting').toArray();
    await h.until(async () => (await waiting()).length > 0);
    const victim = { genId: (await waiting()).at(-1)!.itemId };
    expect(h.sim.library.deleteDraft(victim.genId)).toBe(true);
    await h.until(() => runDone(h!));
    const row = await h.db.backupItems.filter((r) => r.itemId === victim.genId).first();
    expect(row?.state).toBe('gone');
    expect(row?.reason).toMatch(/deleted/);
    expect(mediaFiles(h)).toHaveLength(9);
    // One look-up found it gone; later ticks never ask again.
    const asks = () => h!.sim.log.count('GET', `/backend/project_y/profile/drafts/v2/${victim.genId}`);
    const seen = asks();
    for (let i = 0; i < 5; i++) await h.tick();
    expect(asks()).toBe(seen);
    expect(seen).toBeLessThanOrEqual(1);
  });

  it('a link that expired before its download is resolved again and the file saved', async () => {
    h = await createLibraryHarness({ mediaBytes: 1_024 });
    h.sim.library.addDrafts(3);
    // The first media request of each file waits past the link's lifetime, so it is refused (403).
    h.sim.set({ mediaUrlTtlMs: 300 });
    h.sim.faults.inject({
      host: 'videos.openai.com',
      path: /%2Fraw$/,
      times: 2,
      action: { kind: 'delay', ms: 600 },
    });
    await backUpEverything(h);
    expect(mediaFiles(h)).toHaveLength(3);
    const refused = h.sim.log.filter({ host: 'videos.openai.com' }).filter((e) => e.status === 403);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    const rows = await h.db.backupItems.toArray();
    expect(rows.every((r) => r.state === 'done')).toBe(true);
  });

  it('a 429 on the drafts list is waited out for its Retry-After before the next page', async () => {
    h = await createLibraryHarness({ mediaBytes: 512 });
    h.sim.library.addDrafts(20);
    h.sim.faults.inject({
      path: '/backend/project_y/profile/drafts/v2',
      action: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '2' },
        body: { error: { message: 'slow down' } },
      },
    });
    await backUpEverything(h);
    const lists = h.sim.log.filter({ path: '/backend/project_y/profile/drafts/v2' });
    expect(lists[0]?.status).toBe(429);
    expect(lists[1]!.at - lists[0]!.at).toBeGreaterThanOrEqual(2_000);
    expect(mediaFiles(h)).toHaveLength(20);
  });

  it('pause starts nothing new, resume finishes, cancel stops and leaves no partial download', async () => {
    h = await createLibraryHarness({ mediaBytes: 512 });
    h.sim.library.addDrafts(15);
    const { pauseBackup, resumeBackup, cancelBackup } = await import('@/lib/library/backup');
    await startBackup(h.db, h.source, { layout: 'date', pace: 'fast' }, Date.now());
    await h.until(async () => mediaFiles(h!).length >= 2);
    await pauseBackup(h.db);
    for (let i = 0; i < 3; i++) await h.tick();
    const paused = h.downloads.items.length;
    for (let i = 0; i < 5; i++) await h.tick();
    expect(h.downloads.items.length).toBe(paused);
    await resumeBackup(h.db);
    await h.until(async () => mediaFiles(h!).length >= 8);
    await cancelBackup(h.db, Date.now());
    for (let i = 0; i < 3; i++) await h.tick();
    expect(h.downloads.items.filter((i) => i.state === 'in_progress')).toEqual([]);
    expect((await h.db.backupRuns.toCollection().last())?.state).toBe('canceled');
    expect(await activeRun(h.db)).toBeNull();
  });
});
