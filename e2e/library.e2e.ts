import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { blobName, mediaContent, type Sim, startSim, THUMBNAIL_PNG } from '../sim';
import { type Browser, launch } from './harness';
import { listFiles, waitFor } from './wait';

const MEDIA_BYTES = 48_000;
let sim: Sim | null = null;
let browser: Browser | null = null;
afterEach(async () => {
  await browser?.dispose();
  await sim?.close();
  browser = null;
  sim = null;
});

interface Progress {
  done: number;
  failed: number;
  total: number;
  state: string;
}

async function progress(page: Page): Promise<Progress> {
  const el = page.getByTestId('backup-progress');
  const n = async (name: string) => Number(await el.getAttribute(name));
  return {
    done: await n('data-done'),
    failed: await n('data-failed'),
    total: await n('data-total'),
    state: (await el.getAttribute('data-state')) ?? '',
  };
}

async function openLibrary(b: Browser): Promise<Page> {
  const page = await b.openPage('sidepanel');
  await page.getByTestId('tab-library').click();
  await page.getByTestId('backup-progress').waitFor();
  return page;
}

async function startBackup(page: Page): Promise<void> {
  await page.getByTestId('backup-pace').selectOption('fast');
  await page.getByTestId('backup-layout').selectOption('kind');
  await page.getByTestId('backup-start').click();
}

const saved = (dir: string) => listFiles(dir).filter((f) => f.startsWith('Sora Companion Backup/'));
const media = (dir: string) => saved(dir).filter((f) => /\.(mp4|png)$/.test(f));

test('300 drafts over 20 pages, 20 posts and 3 characters: saved once each across 5 worker stops and a browser restart; a second backup saves only the 5 new drafts', {
  timeout: 600_000,
}, async () => {
  sim = await startSim({ mediaBytes: MEDIA_BYTES });
  sim.library.seed({ drafts: 300, posts: 20, characters: 3 });
  // The list endpoints answer 429 now and then; the backup waits them out.
  for (const path of ['/backend/project_y/profile/drafts/v2', '/backend/project_y/profile_feed/me'])
    sim.faults.inject({
      path,
      times: 1,
      action: {
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { error: { message: 'Too many requests' } },
      },
    });
  const drafts = [...sim.tasks()].sort((a, b) => b.createdAt - a.createdAt);
  // Posts are the 20 newest drafts published; the 21st newest is deleted while the backup runs.
  const victim = drafts[20]!;
  browser = await launch({ sim });
  await browser.signIn();
  let page = await openLibrary(browser);
  await startBackup(page);

  const doneAtLeast = (n: number) =>
    waitFor(async () => (await progress(page)).done >= n, `${n} items saved`, 180_000);
  for (const at of [20, 60, 100, 140, 180]) {
    await doneAtLeast(at);
    await browser.stopServiceWorker();
    if (at === 100) {
      expect(sim.library.deleteDraft(victim.genId)).toBe(true);
    }
  }
  // The browser closes mid-backup and comes back with the same profile; nobody clicks anything.
  await doneAtLeast(220);
  const { userDataDir, downloadDir } = browser;
  await browser.close();
  browser = await launch({ sim, userDataDir, downloadDir });
  page = await openLibrary(browser);
  await waitFor(
    async () => {
      const p = await progress(page);
      return p.state === 'done' && p.total > 0;
    },
    'the backup finished',
    300_000,
  );

  const first = await progress(page);
  const why = (await page.getByTestId('backup-failure').allTextContents()).join(' | ');
  expect(first, why).toEqual({ done: 322, failed: 1, total: 323, state: 'done' });
  await expect.poll(() => page.getByTestId('backup-failure').count()).toBe(1);
  expect(await page.getByTestId('backup-failure').getAttribute('data-item-id')).toBe(victim.genId);
  expect(await page.getByTestId('backup-failure').textContent()).toMatch(/deleted/i);

  const dir = browser.downloadDir;
  const files = media(dir);
  expect(files).toHaveLength(322);
  expect(files.filter((f) => / \(\d+\)\./.test(f))).toEqual([]);
  expect(listFiles(dir).length).toBe(saved(dir).length); // nothing outside the backup folder
  // Bytes equal: each draft and post file is the simulator's file for that generation.
  const byGen = new Map(drafts.map((t) => [t.genId, t]));
  for (const f of files.filter((x) => x.endsWith('.mp4'))) {
    const bytes = readFileSync(join(dir, f));
    if (f.startsWith('Sora Companion Backup/drafts/')) {
      const gen = /(gen_\w+)\.mp4$/.exec(f)![1]!;
      expect(bytes.equals(mediaContent(blobName(byGen.get(gen)!.mediaId, 'source'), MEDIA_BYTES)), f).toBe(
        true,
      );
    } else expect(bytes.length, f).toBe(MEDIA_BYTES);
  }
  for (const f of files.filter((x) => x.endsWith('.png')))
    expect(statSync(join(dir, f)).size).toBe(THUMBNAIL_PNG.length);
  expect(files.filter((f) => f.includes('/drafts/'))).toHaveLength(299);
  expect(files.filter((f) => f.includes('/posts/'))).toHaveLength(20);
  expect(files.filter((f) => f.includes('/characters/'))).toHaveLength(3);
  expect(files.some((f) => f.includes(victim.genId))).toBe(false);
  // A sidecar per file, with the prompt and never a link; the index lists every saved item.
  for (const f of files) {
    const sidecar = readFileSync(join(dir, f.replace(/\.\w+$/, '.json')), 'utf8');
    expect(JSON.parse(sidecar).prompt, f).toBeTypeOf('string');
    expect(sidecar).not.toMatch(/https?:\/\/|sig=|Bearer|eyJ/);
  }
  const index = JSON.parse(readFileSync(join(dir, 'Sora Companion Backup/backup-index.json'), 'utf8'));
  expect(index.items).toHaveLength(322);
  // The deleted draft was looked up, found gone, and left alone.
  const lookups = () => sim!.log.count('GET', `/backend/project_y/profile/drafts/v2/${victim.genId}`);
  expect(lookups()).toBeLessThanOrEqual(3);

  // Later: 5 new drafts. A second backup saves exactly those.
  const before = new Set(files);
  const added = sim.library.addDrafts(5, 60_000);
  await startBackup(page);
  await waitFor(
    async () => {
      const p = await progress(page);
      return p.state === 'done' && p.total === 5;
    },
    'the second backup finished',
    180_000,
  );
  expect(await progress(page)).toEqual({ done: 5, failed: 0, total: 5, state: 'done' });
  const fresh = media(dir).filter((f) => !before.has(f));
  expect(fresh.map((f) => /(gen_\w+)\.mp4$/.exec(f)?.[1]).sort()).toEqual(added.map((t) => t.genId).sort());
  expect(
    JSON.parse(readFileSync(join(dir, 'Sora Companion Backup/backup-index.json'), 'utf8')).items,
  ).toHaveLength(327);
  expect(lookups()).toBeLessThanOrEqual(3);
});
