import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { enqueue, setSettings, storedJobs } from './extension';
import { type Browser, launch } from './harness';
import { rowStatuses } from './page-helpers';
import { waitFor } from './wait';

/** Issue 14 at a real side-panel size: each finding of the walkthrough, reproduced. */
let sim: Sim;
let browser: Browser;
let panel: Page;
const files = mkdtempSync(join(tmpdir(), 'sora-workspace-'));
const creates = (): number => sim.log.filter({ method: 'POST', path: '/backend/nf/create' }).length;
const LONG =
  'Clip 2: a lighthouse on a rocky cliff at dusk, waves crashing below, gulls circling the lamp as it turns';

async function openPanel(): Promise<Page> {
  const page = await browser.openPage('sidepanel');
  await page.setViewportSize({ width: 400, height: 800 });
  return page;
}

beforeAll(async () => {
  sim = await startSim({ renderMs: 6_000 });
  browser = await launch({ sim });
  await browser.signIn();
  panel = await openPanel();
  await setSettings(panel, { pollIntervalSec: 1 });
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

test('drafts survive tab switches and reopening; rejected lines stay in the box; a storyboard clears only once queued, with undo', async () => {
  await panel.getByTestId('tab-batch').click();
  await panel.getByTestId('batch-input').fill('Draft line one\n{nope} a bad line\nDraft line two');
  const csv = join(files, 'picked.csv');
  writeFileSync(csv, 'prompt\nA fox in snow\nAn owl at night\n');
  await panel.getByTestId('import-file').setInputFiles(csv);
  await panel.getByTestId('import-confirm').waitFor();
  // A look at the queue must not wipe the typed text or the picked file waiting for confirmation.
  await panel.getByTestId('tab-queue').click();
  await panel.getByTestId('tab-batch').click();
  expect(await panel.getByTestId('batch-input').inputValue()).toBe(
    'Draft line one\n{nope} a bad line\nDraft line two',
  );
  await panel.getByTestId('import-confirm').waitFor({ timeout: 2_000 });

  await panel.getByTestId('tab-storyboard').click();
  await panel.getByTestId('shot-prompt').first().fill('A door opens slowly');
  await panel.getByTestId('tab-compose').click();
  await panel.getByTestId('prompt-input').fill('A composer draft');
  await panel.getByTestId('tab-storyboard').click();
  expect(await panel.getByTestId('shot-prompt').first().inputValue()).toBe('A door opens slowly');

  // Reopening the panel brings every draft back.
  await panel.waitForTimeout(500); // past the save delay
  await panel.close();
  panel = await openPanel();
  await waitFor(
    async () => (await panel.getByTestId('prompt-input').inputValue()) === 'A composer draft',
    'composer draft back',
  );
  await panel.getByTestId('tab-batch').click();
  await waitFor(
    async () => (await panel.getByTestId('batch-input').inputValue()).startsWith('Draft line one'),
    'batch draft back',
  );
  await panel.getByTestId('import-confirm').click();
  await waitFor(
    async () => (await panel.getByTestId('import-report').getAttribute('data-phase')) === 'done',
    'import queued',
  );

  // Queueing keeps the rejected line in the box, editable, with its reason.
  await panel.getByTestId('batch-input').fill('Draft line one\n{nope} a bad line\nDraft line two');
  await waitFor(
    async () => (await panel.getByTestId('batch-submit').textContent())?.includes('2'),
    'preview counted',
  );
  await panel.getByTestId('batch-submit').click();
  await waitFor(
    async () => (await panel.getByTestId('batch-input').inputValue()) === '{nope} a bad line',
    'rejected line kept',
  );
  expect(await panel.getByTestId('report-rejected').textContent()).toMatch(/nope/);
  expect(await panel.getByTestId('batch-input').isEditable()).toBe(true);

  await panel.getByTestId('tab-storyboard').click();
  await waitFor(
    async () => (await panel.getByTestId('shot-prompt').first().inputValue()) === 'A door opens slowly',
    'shots back',
  );
  await panel.getByTestId('storyboard-submit').click();
  await waitFor(
    async () => (await panel.getByTestId('shot-prompt').first().inputValue()) === '',
    'cleared once queued',
  );
  await panel.getByTestId('undo').click();
  expect(await panel.getByTestId('shot-prompt').first().inputValue()).toBe('A door opens slowly');
});

test('a row reads at 400 px: two lines of prompt (>= 60 chars), a percentage; one scroll area, no horizontal scrollbar', async () => {
  await enqueue(panel, [{ text: LONG, model: 'sora2-landscape-10s' }]);
  await panel.getByTestId('tab-queue').click();
  const row = panel.locator(`[data-testid="job-row"]`).filter({ hasText: 'Clip 2: a lighthouse' }).first();
  await waitFor(
    async () => (await row.getAttribute('data-status')) === 'generating',
    'long job generating',
    40_000,
  );
  const seen = await row.getByTestId('job-prompt').evaluate((el) => {
    // Characters actually painted inside the (two-line clamped) box, and on how many lines.
    const box = el.getBoundingClientRect();
    const text = el.firstChild as Text;
    const range = document.createRange();
    const tops = new Set<number>();
    let visible = 0;
    for (let i = 0; i < text.length; i++) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const r = range.getBoundingClientRect();
      if (r.width > 0 && r.bottom <= box.bottom + 1 && r.right <= box.right + 1) {
        visible++;
        tops.add(Math.round(r.top));
      }
    }
    return { visible, lines: tops.size };
  });
  expect(seen.visible).toBeGreaterThanOrEqual(60);
  expect(seen.lines).toBe(2);
  await waitFor(
    async () => /\d+%/.test((await row.getByTestId('job-progress-text').textContent()) ?? ''),
    'percentage shown',
  );
  expect(await row.getByTestId('job-reason').count()).toBe(0); // generating rows show progress instead

  await panel.getByTestId('tab-compose').click();
  const layout = await panel.evaluate(() => {
    const scrollers = [...document.querySelectorAll<HTMLElement>('*')].filter((el) => {
      const style = getComputedStyle(el);
      return /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1;
    });
    const main = document.querySelector('main')!;
    return {
      scrollers: scrollers.map((el) => el.className),
      wide: main.scrollWidth > main.clientWidth || document.documentElement.scrollWidth > window.innerWidth,
    };
  });
  expect(layout.wide).toBe(false);
  expect(layout.scrollers.length).toBeLessThanOrEqual(1);
});

test('"Pause all" pauses the queue itself; bulk cancel/remove confirm; remove undoes; selection keeps only what is shown', async () => {
  await waitFor(
    async () => (await storedJobs(panel)).every((j) => ['completed', 'failed'].includes(j.status)),
    'earlier jobs finished',
    60_000,
  );
  await panel.getByTestId('tab-queue').click();
  await panel.getByTestId('queue-pause').click();
  await panel.getByTestId('queue-paused').waitFor();
  const before = creates();
  await enqueue(panel, [
    { text: 'Held A while paused', model: 'sora2-landscape-10s' },
    { text: 'Held B while paused', model: 'sora2-landscape-10s' },
    { text: 'Held C while paused', model: 'sora2-landscape-10s' },
  ]);
  await panel.waitForTimeout(4_000); // several poll intervals
  expect(creates()).toBe(before);
  const held = panel.locator('[data-testid="job-row"]').filter({ hasText: 'while paused' });
  expect(await held.count()).toBe(3);
  expect(await held.first().getByTestId('job-reason').textContent()).toMatch(/paused/i);

  // Selection follows the search: only what is shown stays selected.
  await panel.getByTestId('queue-search').fill('while paused');
  await waitFor(async () => (await panel.getByTestId('job-row').count()) === 3, 'three shown');
  await panel.getByTestId('select-all').check();
  await waitFor(
    async () => (await panel.getByTestId('bulk-bar').textContent())?.includes('3 selected'),
    '3 selected',
  );
  await panel.getByTestId('queue-search').fill('Held A');
  await waitFor(
    async () => (await panel.getByTestId('bulk-bar').textContent())?.includes('1 selected'),
    'pruned to 1',
  );
  await panel.getByTestId('queue-search').fill('while paused');
  await waitFor(async () => (await panel.getByTestId('job-row').count()) === 3, 'three shown again');
  await held.filter({ hasText: 'Held A' }).getByTestId('job-select').uncheck();
  await waitFor(
    async () => !(await panel.getByTestId('bulk-bar').textContent())?.includes('selected'),
    'nothing selected',
  );

  // "Run next" on a paused job also resumes it... but the queue is paused, so it waits for the queue.
  await held.filter({ hasText: 'Held C' }).getByTestId('job-select').check();
  await panel.getByTestId('bulk-first').click();
  await waitFor(
    async () => (await held.filter({ hasText: 'Held C' }).getAttribute('data-status')) === 'queued',
    'C resumed',
  );

  // Cancel of several asks first; "keep" changes nothing.
  await panel.getByTestId('select-all').check();
  await panel.getByTestId('bulk-cancel').click();
  await panel.getByTestId('confirm-cancel').click();
  expect(new Set(await rowStatuses(panel))).not.toContain('canceled');
  await panel.getByTestId('bulk-cancel').click();
  await panel.getByTestId('confirm-accept').click();
  await waitFor(
    async () => (await rowStatuses(panel)).every((s) => s === 'canceled'),
    'canceled after confirm',
  );

  // Remove asks, then can be undone.
  await panel.getByTestId('select-all').check();
  await panel.getByTestId('bulk-remove').click();
  await panel.getByTestId('confirm-accept').click();
  await waitFor(async () => (await panel.getByTestId('job-row').count()) === 0, 'removed');
  await panel.getByTestId('undo').click();
  await waitFor(async () => (await panel.getByTestId('job-row').count()) === 3, 'back after undo');
  await panel.getByTestId('queue-search').fill('');

  // Resume all: the queue runs again.
  await enqueue(panel, [{ text: 'After resume', model: 'sora2-landscape-10s' }]);
  await panel.getByTestId('queue-resume').click();
  await waitFor(() => creates() > before, 'a create after resume', 20_000);
});

test('the gallery shows model, date, length and file; searches; removes several after asking, with undo', async () => {
  await panel.getByTestId('tab-gallery').click();
  const items = panel.getByTestId('gallery-item');
  await waitFor(async () => (await items.count()) >= 2, 'results in the gallery', 60_000);
  const facts = (await items.first().getByTestId('gallery-facts').textContent()) ?? '';
  expect(facts).toMatch(/sora2-landscape-10s · .+ · 10 s · .+\.mp4/);
  await panel.getByTestId('gallery-search').fill('owl at night');
  await waitFor(async () => (await items.count()) === 1, 'search narrows the gallery');
  await panel.getByTestId('gallery-search').fill('');
  await waitFor(async () => (await items.count()) >= 2, 'all results again');
  const total = await items.count();
  await items.nth(0).getByTestId('gallery-select').check();
  await items.nth(1).getByTestId('gallery-select').check();
  await panel.getByTestId('gallery-bulk-remove').click();
  await panel.getByTestId('confirm-accept').click();
  await waitFor(async () => (await items.count()) === total - 2, 'two removed from the list');
  await panel.getByTestId('undo').click();
  await waitFor(async () => (await items.count()) === total, 'back after undo');
});

test('the popup counts every status and links to the waiting ones', async () => {
  await panel.getByTestId('tab-queue').click();
  await panel.getByTestId('queue-pause').click();
  await enqueue(panel, [{ text: 'Paused for the popup', model: 'sora2-landscape-10s' }]);
  await panel.getByTestId('tab-queue').click();
  await panel.getByTestId('bulk-bar').waitFor();
  const ids = (await storedJobs(panel)).filter((j) => j.status === 'queued').map((j) => j.id);
  await panel.evaluate(
    (jobIds) =>
      chrome.runtime.sendMessage({
        tag: 'sora-companion/rpc',
        request: { method: 'bulk', params: { action: 'pause', ids: jobIds } },
      }),
    ids,
  );
  const popup = await browser.openPage('popup');
  const count = (status: string) =>
    popup.locator(`[data-testid="queue-summary"] [data-status="${status}"] dd`);
  await waitFor(async () => Number(await count('paused').textContent()) >= 1, 'paused counted');
  for (const status of [
    'queued',
    'paused',
    'waiting-login',
    'waiting-limit',
    'waiting-permission',
    'canceled',
  ])
    expect(await count(status).count()).toBe(1);
  await popup.getByTestId('summary-open-paused').waitFor();
  await popup.close();
  await panel.getByTestId('queue-resume').click();
});

test('options: notifications show the real permission; invalid numbers are refused at the field; webhook access shown', async () => {
  const options = await browser.openPage('options');
  await setSettings(options, { notifications: true }); // turned on, but the browser never granted it
  await options.reload();
  expect(await options.getByTestId('setting-notifications').isChecked()).toBe(false);
  await options.getByTestId('notifications-problem').waitFor();

  for (const [testId, bad, range] of [
    ['setting-concurrency', '7', /1 to 3/],
    ['setting-concurrency', '0', /1 to 3/],
    ['setting-poll-interval', '999', /1 to 60/],
  ] as const) {
    await options.getByTestId(testId).fill(bad);
    await options.getByTestId(testId).blur();
    expect(await options.getByTestId(`${testId}-error`).textContent()).toMatch(range);
  }
  const stored = await options.evaluate(() => chrome.storage.local.get('settings'));
  const s = (stored as { settings: { concurrency: number; pollIntervalSec: number } }).settings;
  expect(s.concurrency).not.toBe(7);
  expect(s.concurrency).not.toBe(0);
  expect(s.pollIntervalSec).toBe(1);

  await options.getByTestId('setting-webhook').fill('https://example.com/hook');
  expect(await options.getByTestId('webhook-access').getAttribute('data-granted')).toBe('false');
  await options.getByTestId('setting-webhook').fill('');
  await setSettings(options, { notifications: false });
  await options.close();
});

test('signed out: a banner with a sign-in button that opens Sora, every unfinished job waits for sign-in, the stall is recorded', async () => {
  await setSettings(panel, { notifications: true });
  await enqueue(panel, [
    { text: 'Stalls on sign-in one', model: 'sora2-landscape-10s' },
    { text: 'Stalls on sign-in two', model: 'sora2-landscape-10s' },
  ]);
  sim.signOut();
  await panel.getByTestId('sign-in').waitFor({ timeout: 30_000 });
  await waitFor(
    async () => {
      const s = await rowStatuses(panel);
      const jobs = await storedJobs(panel);
      const open = jobs.filter((j) => !['completed', 'failed', 'canceled', 'paused'].includes(j.status));
      return open.length > 0 && open.every((j) => j.status === 'needs_auth') && s.includes('waiting-login');
    },
    'every unfinished job waiting for sign-in',
    30_000,
  );
  const seen = await panel.evaluate(() => chrome.storage.local.get('stallSeen'));
  expect((seen as { stallSeen?: { login: number } }).stallSeen?.login).toBeGreaterThan(0);
  const opened = browser.context.waitForEvent('page');
  await panel.getByTestId('sign-in').click();
  const sora = await opened;
  await sora.waitForURL(/^https:\/\/sora\.chatgpt\.com\//, { timeout: 10_000 });
  sim.signIn();
});
