import { afterEach, describe, expect, it } from 'vitest';
import { startBackup } from '@/lib/library/backup';
import { INDEX_FILE } from '@/lib/library/files';
import { scanFinished, startScan } from '@/lib/library/scan';
import { simDeps } from '../backends/helpers';
import { makeJob } from '../helpers/jobs';
import { CONNECTION_ID, createVideosApiLibraryHarness } from './videos-api-harness';

type Harness = Awaited<ReturnType<typeof createVideosApiLibraryHarness>>;
let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const KEYS = /sk-sim-videos/;
const lastRun = async (x: Harness) => x.db.backupRuns.orderBy('createdAt').last();
const runDone = async (x: Harness) => (await lastRun(x))?.state === 'done';
const videoFiles = (x: Harness) => [...x.downloads.files.keys()].filter((p) => p.endsWith('.mp4'));
const listCalls = (x: Harness) => x.sim.log.filter({ method: 'GET', path: '/v1/videos' });

async function backUp(x: Harness): Promise<void> {
  const started = await startBackup(x.db, x.source, { layout: 'kind', pace: 'fast' }, Date.now());
  expect(started).toHaveProperty('runId');
  await x.until(() => runDone(x), 60_000);
}

describe('the Videos API library source', { timeout: 60_000 }, () => {
  it('pages GET /videos newest first by after, saves every video once with bytes equal, sidecars and the index; a second backup saves only the new ones', async () => {
    h = await createVideosApiLibraryHarness({ seedVideos: 45 });
    const seeded = h.sim.videos().map((v) => v.id);
    await backUp(h);
    const calls = listCalls(h);
    expect(calls.map((c) => [c.query.order, c.query.limit, c.query.after])).toEqual([
      ['desc', '20', undefined],
      ['desc', '20', seeded[25]],
      ['desc', '20', seeded[5]],
    ]);
    const files = videoFiles(h);
    expect(files).toHaveLength(45);
    for (const id of seeded) {
      const path = files.find((p) => p.endsWith(`_${id}.mp4`));
      expect(path, id).toMatch(/^\/downloads\/Sora Companion Backup\/videos\//);
      expect(h.downloads.files.get(path!)?.equals(h.sim.videoBytes(id)), id).toBe(true);
      const sidecar = JSON.parse(h.downloads.files.get(path!.replace(/\.mp4$/, '.json'))!.toString('utf8'));
      expect(sidecar).toMatchObject({ id, kind: 'video', source: CONNECTION_ID, madeHere: false });
      expect(sidecar.prompt).toMatch(/lighthouse/);
    }
    const index = JSON.parse(h.downloads.files.get(`/downloads/${INDEX_FILE}`)!.toString('utf8'));
    expect(index.items).toHaveLength(45);

    const added = h.sim.seedVideos(4, 0).map((v) => v.id);
    await backUp(h);
    expect((await lastRun(h))?.skipped).toBe(45);
    const fresh = videoFiles(h).filter((p) => !files.includes(p));
    expect(fresh.map((p) => /(video_\w+)\.mp4$/.exec(p)?.[1]).sort()).toEqual([...added].sort());
    expect(videoFiles(h).filter((p) => / \(\d+\)\./.test(p))).toEqual([]);
  });

  it('the key travels only as a header of the download: never in a URL, a row, a sidecar, the index or a file name', async () => {
    h = await createVideosApiLibraryHarness({ seedVideos: 6 });
    await backUp(h);
    const media = h.downloads.items.filter((i) => i.filename.endsWith('.mp4'));
    expect(media).toHaveLength(6);
    for (const item of media) {
      expect(item.url).toMatch(
        /^https:\/\/videos-api\.sim\.test\/v1\/videos\/video_\w+\/content\?variant=video$/,
      );
      expect(item.headers.authorization).toMatch(/^Bearer sk-sim-videos-/);
    }
    expect(h.downloads.items.map((i) => `${i.url} ${i.filename}`).join('\n')).not.toMatch(KEYS);
    for (const [path, bytes] of h.downloads.files)
      if (!path.endsWith('.mp4')) expect(bytes.toString('utf8'), path).not.toMatch(/sk-sim|Bearer|https?:/);
    const stored = await Promise.all(
      [h.db.libraryItems, h.db.libraryScans, h.db.backupRuns, h.db.backupItems].map((t) => t.toArray()),
    );
    expect(stored[0]).toHaveLength(6);
    expect(JSON.stringify(stored)).not.toMatch(KEYS);
  });

  it('a video deleted mid-backup is reported gone after one look with each key, and the rest are saved', async () => {
    h = await createVideosApiLibraryHarness({ seedVideos: 12 });
    await startBackup(h.db, h.source, { layout: 'date', pace: 'fast' }, Date.now());
    await h.until(async () => videoFiles(h!).length >= 2);
    // One the backup has not started yet.
    const waiting = await h.db.backupItems.where('state').equals('waiting').toArray();
    const newest = waiting.at(-1)!.itemId;
    expect(h.sim.deleteVideo(newest)).toBe(true);
    await h.until(() => runDone(h!));
    const row = await h.db.backupItems.filter((r) => r.itemId === newest).first();
    expect(row).toMatchObject({ state: 'gone' });
    expect(row?.reason).toMatch(/deleted/);
    expect(videoFiles(h)).toHaveLength(11);
    // Both keys were asked once (another project's key might still see it); then never again.
    expect(h.sim.log.count('GET', `/v1/videos/${newest}`)).toBe(2);
    for (let i = 0; i < 5; i++) await h.tick();
    expect(h.sim.log.count('GET', `/v1/videos/${newest}`)).toBe(2);
  });

  it("honours a 429's Retry-After on the list and on a video before asking again", async () => {
    h = await createVideosApiLibraryHarness({ seedVideos: 3 }, { manualClock: true });
    h.sim.faults.rateLimited(1, 30, /\/videos$/);
    h.sim.faults.rateLimited(1, 20, /\/videos\/video_\w+$/);
    await startBackup(h.db, h.source, { layout: 'date', pace: 'fast' }, h.clock.t);
    for (let i = 0; i < 5; i++) await h.tick();
    expect(listCalls(h).map((c) => c.status)).toEqual([429]);
    h.clock.t += 29_000;
    await h.tick();
    expect(listCalls(h)).toHaveLength(1);
    h.clock.t += 1_000;
    await h.tick();
    expect(listCalls(h).map((c) => c.status)).toEqual([429, 200]);

    const retrieves = () => h!.sim.log.filter({ method: 'GET', path: /^\/v1\/videos\/video_\w+$/ });
    await h.until(async () => retrieves().length > 0);
    for (let i = 0; i < 5; i++) await h.tick();
    expect(retrieves().map((c) => c.status)).toEqual([429]);
    h.clock.t += 20_000;
    await h.until(() => runDone(h!));
    expect(videoFiles(h)).toHaveLength(3);
  });

  it('marks a video made by a job of this extension on this connection as here, any other as elsewhere', async () => {
    h = await createVideosApiLibraryHarness({ seedVideos: 3 });
    const [mine, otherConnection, foreign] = h.sim.videos().map((v) => v.id);
    await h.db.jobs.bulkAdd([
      makeJob({ id: 'j1', status: 'completed', backendId: CONNECTION_ID, taskId: mine! }),
      makeJob({
        id: 'j2',
        status: 'completed',
        backendId: 'conn_00000000000000bb',
        taskId: otherConnection!,
      }),
    ]);
    const scanId = await startScan(h.db, h.source, Date.now());
    await h.until(() => scanFinished(h!.db, scanId));
    const origin = async (id: string) => (await h!.db.libraryItems.get(id))?.origin;
    expect([await origin(mine!), await origin(otherConnection!), await origin(foreign!)]).toEqual([
      'here',
      'elsewhere',
      'elsewhere',
    ]);
  });

  it('a video still rendering is listed without a file and reported, never downloaded', async () => {
    h = await createVideosApiLibraryHarness({ renderMs: 600_000 });
    const res = await h.source.page('videos', null);
    expect(res).toEqual({ items: [], cursor: null });
    const key = h.sim.settings.keys[0]!;
    await simDeps(h.sim).fetch(`${h.sim.baseUrl}/videos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: 'still going' }),
    });
    await backUp(h);
    const [row] = await h.db.backupItems.toArray();
    expect(row).toMatchObject({ state: 'failed' });
    expect(row?.reason).toMatch(/still rendering/);
    expect(h.downloads.items.filter((i) => i.filename.endsWith('.mp4'))).toEqual([]);
  });

  it('without the host permission nothing is asked and the run says why; once granted it finishes', async () => {
    h = await createVideosApiLibraryHarness({ seedVideos: 4 });
    h.access.granted = false;
    await startBackup(h.db, h.source, { layout: 'date', pace: 'fast' }, Date.now());
    for (let i = 0; i < 5; i++) await h.tick();
    expect(h.sim.log.entries().filter((e) => e.path.startsWith('/v1/'))).toEqual([]);
    expect((await lastRun(h))?.message).toMatch(/not granted access to videos-api\.sim\.test/);
    h.access.granted = true;
    await h.until(() => runDone(h!));
    expect(videoFiles(h)).toHaveLength(4);
    expect((await lastRun(h))?.message).toBeNull();
  });

  it("the browser's own refusal of download() (it is shutting down) is tried again and saved once; our refusal fails at once", async () => {
    h = await createVideosApiLibraryHarness({ seedVideos: 3 });
    const real = h.port.download;
    let thrown = 0;
    h.port.download = async (options) => {
      if (options.filename.endsWith('.mp4') && thrown++ < 2) throw new Error('The browser is shutting down.');
      return real(options);
    };
    await backUp(h);
    expect(thrown).toBe(5);
    expect(videoFiles(h)).toHaveLength(3);
    expect(videoFiles(h).filter((p) => / \(\d+\)\./.test(p))).toEqual([]);
    expect((await h.db.backupItems.toArray()).map((r) => r.state)).toEqual(['done', 'done', 'done']);

    h.sim.seedVideos(1, 0);
    h.port.download = async (options) => {
      if (options.filename.endsWith('.mp4'))
        throw Object.assign(new Error('Not downloaded: host.'), { code: 'bad_response' });
      return real(options);
    };
    await backUp(h);
    const refused = await h.db.backupItems.filter((r) => r.state === 'failed').toArray();
    expect(refused.map((r) => [r.reason, r.attempts])).toEqual([['Not downloaded: host.', 0]]);
  });
});
