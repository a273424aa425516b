import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import { enqueue, setSettings } from './extension';
import { type Browser, launch } from './harness';
import { rowStatuses } from './page-helpers';
import { waitFor } from './wait';

let sim: Sim;
let browser: Browser;

beforeAll(async () => {
  sim = await startSim({ renderMs: 3_000 });
  browser = await launch({ sim });
  await browser.signIn();
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

/** Changes the extension's site access the way the user does on its chrome://extensions page. */
async function setSiteAccess(extensions: Page, hostAccess: 'ON_CLICK' | 'ON_ALL_SITES'): Promise<void> {
  await extensions.evaluate(
    ({ id, access }) =>
      (
        chrome as unknown as { developerPrivate: { updateExtensionConfiguration(c: object): Promise<void> } }
      ).developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: access }),
    { id: browser.extensionId, access: hostAccess },
  );
}

test('revoked site access holds the jobs without a single request, and they resume when it is back', async () => {
  const extensions = await browser.context.newPage();
  await extensions.goto('chrome://extensions');
  const panel = await browser.openPage('sidepanel');
  await setSettings(panel, { pollIntervalSec: 1 });
  await enqueue(panel, [
    { text: 'Held by permission one', model: 'sora2-landscape-10s' },
    { text: 'Held by permission two', model: 'sora2-landscape-10s' },
  ]);
  await waitFor(async () => (await rowStatuses(panel)).includes('generating'), 'a job generating');

  // docs/reliability.md §24: no errors in a loop. Everything the worker prints from the revocation on is kept.
  const workerLines: string[] = [];
  const listen = (w: Worker): void => {
    w.on('console', (m) => workerLines.push(`${m.type()}: ${m.text()}`));
  };
  listen(await browser.serviceWorker());
  browser.context.on('serviceworker', listen);
  await setSiteAccess(extensions, 'ON_CLICK');
  await waitFor(async () => {
    const statuses = await rowStatuses(panel);
    return statuses.length === 2 && statuses.every((s) => s === 'waiting-permission');
  }, 'both jobs waiting for permission');

  sim.log.clear();
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  expect(sim.log.entries()).toEqual([]);
  expect(workerLines.filter((l) => /^(error|warning):/.test(l))).toEqual([]);

  // The banner's button asks for exactly the Sora hosts again (Chromium's prompt cannot be clicked here).
  await panel.getByTestId('grant-permission').waitFor({ timeout: 5_000 });
  await panel.evaluate(() => {
    const w = window as unknown as { __asked: unknown[] };
    w.__asked = [];
    chrome.permissions.request = (async (p: unknown) => {
      w.__asked.push(p);
      return false;
    }) as typeof chrome.permissions.request;
  });
  await panel.getByTestId('grant-permission').click();
  await waitFor(
    () => panel.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked.length > 0),
    'the re-grant request',
  );
  expect(await panel.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked)).toEqual([
    { origins: ['https://sora.chatgpt.com/*', 'https://chatgpt.com/*', 'https://videos.openai.com/*'] },
  ]);

  await setSiteAccess(extensions, 'ON_ALL_SITES');
  await waitFor(
    async () => {
      const statuses = await rowStatuses(panel);
      return statuses.length === 2 && statuses.every((s) => s === 'done');
    },
    'both jobs done after the grant',
    40_000,
  );
  expect(sim.log.count('POST', '/backend/nf/create')).toBe(0); // both were created before the revocation
  expect(await panel.getByTestId('grant-permission').count()).toBe(0);
});
