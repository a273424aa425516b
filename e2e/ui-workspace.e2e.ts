import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { setSettings, storedJobs } from './extension';
import { type Browser, launch } from './harness';
import { rowStatuses } from './page-helpers';
import { axeViolations, screenshots } from './ui-helpers';
import { listAllFiles, listFiles, waitFor } from './wait';

let sim: Sim;
let browser: Browser;
const shots = mkdtempSync(join(tmpdir(), 'sora-ui-shots-'));

beforeAll(async () => {
  sim = await startSim({ renderMs: 1_500 });
  browser = await launch({ sim });
  await browser.signIn();
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

test('side panel: composer, styles, enhance, batch import with report, storyboard, queue, gallery, logs', async () => {
  const panel = await browser.openPage('sidepanel');
  await setSettings(panel, { pollIntervalSec: 1 });
  await waitFor(
    async () => (await panel.getByTestId('account-status').getAttribute('data-state')) === 'signed-in',
    'signed in',
  );
  await waitFor(async () => !(await panel.getByTestId('quota').textContent())?.includes('—'), 'quota shown');

  // Composer: a typo in a live style is refused with close matches; completion offers live styles.
  await panel.getByTestId('prompt-input').fill('{kpopp} A dancer');
  await panel.getByTestId('submit').click();
  expect(await panel.getByTestId('composer-error').textContent()).toMatch(/Unknown style "kpopp".*kpop/);
  await panel.getByTestId('prompt-input').fill('');
  await panel.getByTestId('prompt-input').pressSequentially('{kp');
  await panel.getByTestId('style-option').first().waitFor();
  // Tab accepts the highlighted style, as a user completing from the keyboard does.
  await panel.getByTestId('prompt-input').press('Tab');
  expect(await panel.getByTestId('prompt-input').inputValue()).toBe('{kpop}');

  // Enhance: the result is shown and accepted into the composer.
  await panel.getByTestId('prompt-input').fill('kitten');
  await panel.getByTestId('enhance-level').selectOption('short');
  await panel.getByTestId('enhance-button').click();
  await panel.getByTestId('enhance-result').waitFor();
  await panel.getByTestId('enhance-accept').click();
  expect((await panel.getByTestId('prompt-input').inputValue()).startsWith('kitten.')).toBe(true);

  // Queue one from the composer with Ctrl+Enter.
  await panel.getByTestId('prompt-input').fill('A lighthouse at dusk');
  await panel.getByTestId('prompt-input').press('Control+Enter');
  await waitFor(async () => (await rowStatuses(panel)).length === 1, 'one row');

  // Batch: a file import previews its report, then queues the good rows.
  await panel.getByTestId('tab-batch').click();
  const csv = join(shots, 'prompts.csv');
  writeFileSync(
    csv,
    'prompt,model\nA fox in snow,\n{nope}Broken style,\nAn owl at night,sora2-portrait-10s\n',
  );
  await panel.getByTestId('import-file').setInputFiles(csv);
  const report = panel.getByTestId('import-report');
  await report.waitFor({ timeout: 5_000 }).catch(async () => {
    throw new Error(`no import report; the batch view shows: ${await panel.locator('main').textContent()}`);
  });
  expect(await report.getAttribute('data-phase')).toBe('preview');
  expect(await panel.getByTestId('report-rejected').getAttribute('data-line')).toBe('3');
  await panel.getByTestId('import-confirm').click();
  await waitFor(async () => (await report.getAttribute('data-phase')) === 'done', 'import done');
  expect(await panel.getByTestId('report-count').getAttribute('data-value')).toBe('2');
  expect(await axeViolations(panel)).toEqual([]);

  // Storyboard: shots add up against the model's length and preview the backend prompt.
  await panel.getByTestId('tab-storyboard').click();
  await panel.getByTestId('shot-prompt').first().fill('A door opens');
  await panel.getByTestId('storyboard-add-shot').click();
  await panel.getByTestId('shot-duration').nth(1).fill('3');
  await panel.getByTestId('shot-prompt').nth(1).fill('A figure steps in');
  expect(await panel.getByTestId('storyboard-shot').count()).toBe(2);
  expect(await panel.getByTestId('storyboard-total').textContent()).toBe('8 s of 10 s');
  expect(await panel.getByTestId('storyboard-preview').textContent()).toContain('Shot 2:\nduration: 3.0sec');
  expect(await axeViolations(panel)).toEqual([]);

  // Queue: all three finish; filter and search narrow the rows.
  await waitFor(
    async () => {
      const s = await rowStatuses(panel);
      return s.length === 3 && s.every((x) => x === 'done');
    },
    'three jobs done',
    40_000,
  );
  await panel.getByTestId('queue-search').fill('owl');
  await waitFor(async () => (await panel.getByTestId('job-row').count()) === 1, 'search narrows to one');
  await panel.getByTestId('queue-search').fill('');
  await panel.getByTestId('queue-filter').selectOption('failed');
  await waitFor(async () => (await panel.getByTestId('job-row').count()) === 0, 'no failed rows');
  await panel.getByTestId('queue-filter').selectOption('all');
  expect(await axeViolations(panel)).toEqual([]);
  await screenshots(panel, shots, 'queue');

  // Gallery: finished results with re-download and remix.
  await panel.getByTestId('tab-gallery').click();
  await waitFor(async () => (await panel.getByTestId('gallery-item').count()) === 3, 'three results');
  const downloads = sim.log.entries().length;
  await panel.getByTestId('gallery-redownload').first().click();
  await waitFor(() => sim.log.entries().length > downloads, 'a fresh media link');
  expect(await axeViolations(panel)).toEqual([]);

  // Logs: masked requests and job events.
  await panel.getByTestId('tab-logs').click();
  await panel.getByTestId('logs-view').waitFor();
  await waitFor(async () => (await panel.getByTestId('log-request').count()) > 0, 'request log rows');
  expect(await panel.getByTestId('log-event').count()).toBeGreaterThan(0);
  expect(await axeViolations(panel)).toEqual([]);
});

test('queue controls: pause all, edit a job before it is sent, resume all', async () => {
  const panel = await browser.openPage('sidepanel');
  await setSettings(panel, { concurrency: 1 });
  await panel.getByTestId('tab-batch').click();
  await panel.getByTestId('batch-input').fill('Held one\nHeld two\nHeld three');
  await waitFor(
    async () => (await panel.getByTestId('batch-submit').textContent())?.includes('3'),
    'count 3',
  );
  await panel.getByTestId('batch-submit').click();
  await panel.getByTestId('queue-pause').click();
  await panel.getByTestId('tab-queue').click();
  const held = panel.locator('[data-testid="job-row"][data-status="paused"]');
  await waitFor(async () => (await held.count()) >= 1, 'paused rows');
  const id = await held.last().getAttribute('data-job-id');
  await held.last().getByTestId('job-edit').click();
  await panel.getByTestId('job-edit-input').fill('Held, then edited');
  await panel.getByTestId('job-edit-save').click();
  await waitFor(async () => (await storedJobs(panel)).some((j) => j.id === id), 'the edited job stored');
  await panel.getByTestId('queue-resume').click();
  await waitFor(async () => (await rowStatuses(panel)).every((s) => s === 'done'), 'all done', 60_000);
  const prompts = sim.log
    .filter({ method: 'POST', path: '/backend/nf/create' })
    .map((e) => (e.body as { prompt?: string }).prompt);
  expect(prompts).toContain('Held, then edited');
  await setSettings(panel, { concurrency: 3 });
});

test('popup: quick submit, summary counts, open side panel; axe and screenshots', async () => {
  const popup = await browser.openPage('popup');
  await popup.setViewportSize({ width: 380, height: 600 });
  await popup.getByTestId('prompt-input').fill('{nope} bad');
  await popup.getByTestId('submit').click();
  expect(await popup.getByTestId('composer-error').textContent()).toMatch(/Unknown style/);
  await waitFor(
    async () =>
      Number(await popup.locator('[data-testid="queue-summary"] [data-status="done"] dd').textContent()) >= 3,
    'done count',
  );
  expect(await axeViolations(popup)).toEqual([]);
  await screenshots(popup, shots, 'popup');
  // The popup opens the side panel in the click's gesture and then closes itself.
  const closed = popup.waitForEvent('close', { timeout: 10_000 });
  await popup.getByTestId('open-sidepanel').click();
  await closed;
});

test('options: settings saved, template example, export and import round trip; axe', async () => {
  const options = await browser.openPage('options');
  await options.getByTestId('setting-concurrency').fill('2');
  await options.getByTestId('setting-concurrency').blur();
  await options.getByTestId('setting-filename-template').fill('Sora/{model}/{prompt}');
  expect(await options.getByTestId('filename-example').textContent()).toContain(
    'Sora/sora2-landscape-10s/a-kitten-running-across-a-meadow_9b1d2c3e.mp4',
  );
  await options.getByTestId('setting-filename-template').fill('Sora/{bogus}');
  expect(await options.getByTestId('filename-example').textContent()).toMatch(/Unknown token \{bogus\}/);
  await options.getByTestId('setting-webhook').fill('https://example.com/hook');
  await options.getByTestId('setting-theme').selectOption('dark');
  await waitFor(async () => {
    const stored = await options.evaluate(() => chrome.storage.local.get('settings'));
    const s = (stored as { settings?: Record<string, unknown> }).settings;
    return (
      s?.concurrency === 2 &&
      s.filenameTemplate === 'Sora/{model}/{prompt}' &&
      s.webhookUrl === 'https://example.com/hook' &&
      s.theme === 'dark'
    );
  }, 'settings saved');
  expect(await options.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await options.getByTestId('setting-theme').selectOption('system');

  // The export is a real file in the download folder (the button's own download), imported back below.
  const before = new Set(listAllFiles(browser.downloadDir));
  await options.getByTestId('export-json').click();
  const exported = await waitFor(
    () =>
      listFiles(browser.downloadDir).find(
        (f) => !before.has(f) && /^sora-companion-\d{4}-\d{2}-\d{2}\.json$/.test(f),
      ),
    'the exported file in the download folder',
    15_000,
  );
  const file = join(browser.downloadDir, exported);
  expect(JSON.parse(readFileSync(file, 'utf8')).jobs.length).toBeGreaterThan(0);
  await options.getByTestId('import-json').setInputFiles(file);
  const result = options.getByTestId('transfer-result');
  await waitFor(async () => (await result.textContent())?.startsWith('Imported'), 'the import result');
  const count = JSON.parse(readFileSync(file, 'utf8')).jobs.length;
  expect(await result.textContent()).toContain(`Imported 0 jobs; ${count} were already here`);
  expect(await axeViolations(options)).toEqual([]);
  await screenshots(options, shots, 'options');
});
