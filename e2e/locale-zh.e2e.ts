import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { enqueue, setSettings } from './extension';
import { type Browser, launch } from './harness';
import { rowStatuses } from './page-helpers';
import { listFiles, waitFor } from './wait';

/**
 * Issue 14, "every message translated": the browser itself in Chinese (`launch({ locale })`,
 * docs/chromium-e2e.md §7), so
 * `chrome.i18n` answers from the zh_CN catalogue as it does for a Chinese user. Each error is read
 * where it was entered and must be Chinese, with the English original nowhere in it.
 */
const CJK = /[\u4e00-\u9fff]/;
let sim: Sim;
let browser: Browser;
let panel: Page;

beforeAll(async () => {
  sim = await startSim({ renderMs: 1_500, contentPolicyPattern: 'forbidden' });
  browser = await launch({ sim, locale: 'zh-CN' });
  await browser.signIn();
  panel = await browser.openPage('sidepanel');
  await panel.setViewportSize({ width: 400, height: 800 });
  await setSettings(panel, { pollIntervalSec: 1 });
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

test('the browser is Chinese, so the extension is', async () => {
  expect(await panel.evaluate(() => chrome.i18n.getUILanguage())).toBe('zh-CN');
  expect(await panel.getByTestId('tab-queue').textContent()).toMatch(CJK);
});

test('a prompt error is shown in Chinese at the composer, naming what was wrong, and nothing is sent', async () => {
  await panel.getByTestId('tab-compose').click();
  await panel.getByTestId('prompt-input').fill('{nope} A kitten in the snow');
  await panel.getByTestId('submit').click();
  const error = panel.getByTestId('composer-error');
  await error.waitFor();
  const text = (await error.textContent()) ?? '';
  expect(text).toMatch(CJK);
  expect(text).toContain('nope');
  expect(text).not.toMatch(/Unknown style/i);
  // The typed prompt is kept for fixing.
  expect(await panel.getByTestId('prompt-input').inputValue()).toBe('{nope} A kitten in the snow');
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(0);
});

test('an invalid option is refused at its field in Chinese, with the allowed range', async () => {
  const options = await browser.openPage('options');
  await options.getByTestId('setting-poll-interval').fill('999');
  await options.getByTestId('setting-poll-interval').blur();
  const text = (await options.getByTestId('setting-poll-interval-error').textContent()) ?? '';
  expect(text).toMatch(CJK);
  expect(text).toMatch(/1\D+60/);
  expect(text).not.toMatch(/between|from|to \d/i);
  const stored = (await options.evaluate(() => chrome.storage.local.get('settings'))) as {
    settings?: { pollIntervalSec?: number };
  };
  expect(stored.settings?.pollIntervalSec).toBe(1);
  await options.close();
});

test("a backend's refusal is shown on its job in Chinese; a Chinese prompt's video is saved under its Chinese name", async () => {
  await enqueue(panel, [
    { text: 'A forbidden scene', model: 'sora2-landscape-10s' },
    { text: '雨夜的城市街道，霓虹倒影', model: 'sora2-landscape-10s' },
  ]);
  await panel.getByTestId('tab-queue').click();
  await waitFor(async () => {
    const statuses = await rowStatuses(panel);
    return statuses.includes('failed') && statuses.includes('done');
  }, 'one failed and one done');
  const failed = panel.locator('[data-testid="job-row"][data-status="failed"]');
  const reason = (await failed.getByTestId('job-error').textContent()) ?? '';
  expect(reason).toMatch(CJK);
  expect(reason).not.toMatch(/refused|policy/i);
  // The file is named after the prompt, in its own script (only the comma made safe).
  const files = listFiles(browser.downloadDir);
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/雨夜的城市街道-霓虹倒影_[0-9a-f]{8}\.mp4$/);
});
