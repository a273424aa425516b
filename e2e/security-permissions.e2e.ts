import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { type Browser, launch } from './harness';
import { waitFor } from './wait';

let sim: Sim;
let browser: Browser;

beforeAll(async () => {
  sim = await startSim({ renderMs: 1_000 });
  browser = await launch({ sim });
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

/** Records every `permissions.request` the page makes (and grants none): Chromium's prompt cannot be clicked here. */
async function spyOnRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    (window as unknown as { __requests: unknown[] }).__requests = calls;
    chrome.permissions.request = (async (permissions: unknown) => {
      calls.push(permissions);
      return false;
    }) as typeof chrome.permissions.request;
  });
}

const requests = (page: Page): Promise<unknown[]> =>
  page.evaluate(() => (window as unknown as { __requests: unknown[] }).__requests);

test('installed, the extension holds the required permissions and none of the optional ones', async () => {
  const page = await browser.openPage('options');
  const granted = await page.evaluate(() => chrome.permissions.getAll());
  expect(granted.origins?.sort()).toEqual([
    'https://chatgpt.com/*',
    'https://sora.chatgpt.com/*',
    'https://videos.openai.com/*',
  ]);
  expect(granted.permissions).not.toContain('notifications');
  expect(
    await page.evaluate(() => chrome.permissions.contains({ origins: ['https://hooks.example.com/*'] })),
  ).toBe(false);
  await page.close();
});

test('no page asks for anything on its own; options asks only on the user’s action, for just what it needs', async () => {
  const pages: Page[] = [];
  for (const name of ['sidepanel', 'popup', 'options'] as const) {
    const page = await browser.context.newPage();
    await spyOnRequests(page);
    await page.goto(`chrome-extension://${browser.extensionId}/${name}.html`);
    await page.waitForLoadState('load');
    pages.push(page);
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  for (const page of pages) expect(await requests(page), page.url()).toEqual([]);

  const options = pages[2]!;
  // A click asks; the request is refused here, so the box stays off and says why (never "on" without
  // the permission).
  await options.getByTestId('setting-notifications').click();
  await waitFor(async () => (await requests(options)).length > 0, 'the notifications request');
  expect(await requests(options)).toEqual([{ permissions: ['notifications'] }]);
  await options.getByTestId('notifications-problem').waitFor();
  expect(await options.getByTestId('setting-notifications').isChecked()).toBe(false);

  await options.getByTestId('setting-webhook').fill('https://hooks.example.com/sora/done?x=1');
  expect(await requests(options)).toHaveLength(1); // typing asks for nothing
  await options.getByTestId('webhook-grant').click();
  await waitFor(async () => (await requests(options)).length > 1, 'the webhook origin request');
  expect((await requests(options))[1]).toEqual({ origins: ['https://hooks.example.com/*'] });
});
