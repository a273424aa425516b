import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { startVideosApiSim, type VideosApiSim } from '../sim/backends';
import { addConnection, restartBrowser, withSims } from './connections';
import { ensureDisplay } from './display';
import { dumpIndexedDb, storedRows } from './extension';
import { type Browser, launch } from './harness';
import { listAllFiles, listFiles, waitFor } from './wait';

// Issue 15 for a Videos API connection: its `GET /videos` list, added on the options page with its
// origin granted for real, backed up across worker stops and a browser restart.

const MEDIA_BYTES = 24_000;
const VIDEOS = 100;
const KEYS = ['sk-sim-videos-1', 'sk-sim-videos-2'];
let sora: Sim | null = null;
let videos: VideosApiSim | null = null;
let browser: Browser | null = null;
let display: { stop: () => void } | null = null;
afterEach(async () => {
  await browser?.dispose();
  await Promise.all([sora?.close(), videos?.close()]);
  display?.stop();
});

async function progress(page: Page) {
  const el = page.getByTestId('backup-progress');
  const n = async (name: string) => Number(await el.getAttribute(name));
  return {
    done: await n('data-done'),
    failed: await n('data-failed'),
    total: await n('data-total'),
    state: (await el.getAttribute('data-state')) ?? '',
  };
}

async function openLibrary(b: Browser, connectionId: string): Promise<Page> {
  const page = await b.openPage('sidepanel');
  await page.getByTestId('tab-library').click();
  await page.getByTestId('backup-progress').waitFor();
  await page.locator(`[data-testid="library-source"] option[value="${connectionId}"]`).waitFor({
    state: 'attached',
  });
  await page.getByTestId('library-source').selectOption(connectionId);
  return page;
}

async function startBackup(page: Page): Promise<void> {
  await page.getByTestId('backup-pace').selectOption('fast');
  await page.getByTestId('backup-layout').selectOption('kind');
  await page.getByTestId('backup-start').click();
}

const saved = (dir: string) => listFiles(dir).filter((f) => f.startsWith('Sora Companion Backup/'));
const media = (dir: string) => saved(dir).filter((f) => f.endsWith('.mp4'));
const idOf = (file: string) => /(video_\w+)\.mp4$/.exec(file)?.[1];

test(`Videos API: ${VIDEOS} videos over 5 pages saved once each across 3 worker stops and a browser restart; a deleted one reported; a second backup saves only the 4 new`, {
  timeout: 180_000,
}, async () => {
  const started = Date.now();
  display = await ensureDisplay();
  sora = await startSim({});
  videos = await startVideosApiSim({ seedVideos: VIDEOS, mediaBytes: MEDIA_BYTES });
  const sims = withSims(sora, [videos]);
  // The list and one video's lookup answer 429 once; the backup waits them out.
  videos.faults.rateLimited(1, 1, /\/videos$/);
  const seeded = videos.videos().map((v) => v.id); // oldest first, as the backup plans them
  videos.faults.rateLimited(1, 1, `/v1/videos/${seeded[3]}`);
  let victim = '';
  browser = await launch({ sim: sims, headless: false });
  const options = await browser.openPage('options');
  const id = await addConnection(options, {
    kind: 'videos-api',
    url: videos.baseUrl,
    keys: KEYS,
    name: 'Gateway',
  });
  let page = await openLibrary(browser, id);
  await startBackup(page);

  const doneAtLeast = (n: number) =>
    waitFor(async () => (await progress(page)).done >= n, `${n} videos saved`, 60_000);
  for (const at of [15, 35, 55]) {
    await doneAtLeast(at);
    await browser.stopServiceWorker();
    if (at === 35) {
      // One the backup has not started yet is deleted on the server.
      const rows = await storedRows<{ itemId: string; state: string }>(page, 'backupItems');
      victim = rows.filter((r) => r.state === 'waiting').at(-1)?.itemId ?? '';
      expect(videos.deleteVideo(victim)).toBe(true);
    }
  }
  // The browser closes mid-backup; on its return the origin is granted again on the options page.
  await doneAtLeast(70);
  const before = await progress(page);
  expect(before.state, 'still running when the browser closes').toBe('running');
  expect(before.done).toBeLessThan(VIDEOS - 1);
  browser = await restartBrowser(browser, sims, id, videos.baseUrl);
  page = await openLibrary(browser, id);
  await waitFor(
    async () => {
      const p = await progress(page);
      return p.state === 'done' && p.total > 0;
    },
    'the backup finished',
    90_000,
  );

  const why = (await page.getByTestId('backup-failure').allTextContents()).join(' | ');
  expect(await progress(page), why).toEqual({ done: VIDEOS - 1, failed: 1, total: VIDEOS, state: 'done' });
  expect(await page.getByTestId('backup-failure').getAttribute('data-item-id')).toBe(victim);
  expect(await page.getByTestId('backup-failure').textContent()).toMatch(/deleted/i);
  const items = page.getByTestId('library-item');
  await expect.poll(() => items.count()).toBeGreaterThan(0);
  expect(await items.first().getAttribute('data-kind')).toBe('video');
  expect(await items.first().getAttribute('data-origin')).toBe('elsewhere');

  const dir = browser.downloadDir;
  const files = media(dir);
  expect(listAllFiles(dir).filter((f) => f.endsWith('.crdownload'))).toEqual([]);
  expect(files.filter((f) => / \(\d+\)\./.test(f))).toEqual([]);
  expect(files.map(idOf).sort()).toEqual(seeded.filter((v) => v !== victim).sort());
  expect(listFiles(dir).length).toBe(saved(dir).length); // nothing outside the backup folder
  for (const f of files) {
    expect(f.startsWith('Sora Companion Backup/videos/'), f).toBe(true);
    expect(readFileSync(join(dir, f)).equals(videos.videoBytes(idOf(f)!)), f).toBe(true);
    const sidecar = readFileSync(join(dir, f.replace(/\.mp4$/, '.json')), 'utf8');
    expect(JSON.parse(sidecar)).toMatchObject({ id: idOf(f), kind: 'video', source: id });
    expect(sidecar).not.toMatch(/https?:\/\/|Bearer|sk-sim/);
  }
  const indexText = readFileSync(join(dir, 'Sora Companion Backup/backup-index.json'), 'utf8');
  expect(JSON.parse(indexText).items).toHaveLength(VIDEOS - 1);
  expect(indexText).not.toMatch(/sk-sim/);
  // Both 429s were waited out for their Retry-After before the same request went again.
  const listed = videos.log.filter({ method: 'GET', path: '/v1/videos' });
  expect(listed[0]?.status).toBe(429);
  expect(listed[1]!.at - listed[0]!.at).toBeGreaterThanOrEqual(1_000);
  const looked = videos.log.filter({ method: 'GET', path: `/v1/videos/${seeded[3]}` });
  expect(looked.map((e) => e.status).slice(0, 2)).toEqual([429, 200]);
  expect(looked[1]!.at - looked[0]!.at).toBeGreaterThanOrEqual(1_000);
  // The deleted video was looked up (once per key), found gone, and left alone.
  const lookups = () => videos!.log.count('GET', `/v1/videos/${victim}`);
  expect(lookups()).toBeLessThanOrEqual(KEYS.length);
  const db = await dumpIndexedDb(page);
  for (const k of KEYS) expect(db.includes(k), 'IndexedDB holds a key').toBe(false);
  expect(listFiles(dir).join('\n')).not.toMatch(/sk-sim/);

  // Later: 4 new videos. A second backup saves exactly those.
  const added = videos.seedVideos(4, 0).map((v) => v.id);
  await startBackup(page);
  await waitFor(
    async () => {
      const p = await progress(page);
      return p.state === 'done' && p.total === 4;
    },
    'the second backup finished',
    60_000,
  );
  expect(await progress(page)).toEqual({ done: 4, failed: 0, total: 4, state: 'done' });
  const fresh = media(dir).filter((f) => !files.includes(f));
  expect(fresh.map(idOf).sort()).toEqual([...added].sort());
  expect(
    JSON.parse(readFileSync(join(dir, 'Sora Companion Backup/backup-index.json'), 'utf8')).items,
  ).toHaveLength(VIDEOS + 3);
  expect(lookups()).toBeLessThanOrEqual(KEYS.length);
  console.info(`[library-videos-api] took ${Math.round((Date.now() - started) / 1000)} s`);
});
