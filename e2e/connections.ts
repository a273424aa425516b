import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Sim } from '../sim';
import { allowPermissionDialog } from './display';
import { type Browser, launch } from './harness';
import { waitFor } from './wait';

// Backend connections in real Chromium, through the options page as a user adds them: shared by
// the backends and library e2e tests. The origin is granted for real (headful Chromium on a virtual
// display answers the permission dialog, docs/chromium-e2e.md §6).

/** Anything that maps its hosts into Chromium: the Sora simulator or a backend simulator. */
export interface MappedSim {
  spkiHash: string;
  chromiumArgs(): string[];
}

/** One set of Chromium flags for the Sora simulator and the others (each flag may appear once). */
export function withSims(sora: Sim, others: readonly MappedSim[]): Sim {
  const sims: MappedSim[] = [sora, ...others];
  const rules = sims.map((s) => s.chromiumArgs()[0]?.replace('--host-resolver-rules=', '') ?? '');
  const args = [
    `--host-resolver-rules=${rules.join(', ')}`,
    `--ignore-certificate-errors-spki-list=${sims.map((s) => s.spkiHash).join(',')}`,
  ];
  return { ...sora, chromiumArgs: () => args };
}

/** Whether the extension holds the host permission for `url`'s origin. */
export const holds = (page: Page, url: string): Promise<boolean> =>
  page.evaluate((origin) => chrome.permissions.contains({ origins: [origin] }), `${new URL(url).origin}/*`);

/** Waits until the options page has read the saved connections (before that, the list is empty). */
export async function connectionsShown(options: Page): Promise<void> {
  await options.locator('.backend-list[data-loaded="true"]').waitFor();
}

/** A connection's `backend-item` on the options page. */
export const connectionItem = (page: Page, id: string) =>
  page.locator(`[data-testid="backend-item"][data-backend-id="${id}"]`);

/** Adds a connection on the options page the way a user does; the origin is granted in the dialog. */
export async function addConnection(
  options: Page,
  input: { kind: 'videos-api' | 'task-api'; url: string; keys: string[]; name: string },
): Promise<string> {
  await connectionsShown(options);
  const before = await options.getByTestId('backend-item').count();
  await options.getByTestId('backend-add-kind').selectOption(input.kind);
  await options.getByTestId('backend-add-url').fill(input.url);
  await options.getByTestId('backend-add-keys').fill(input.keys.join('\n'));
  await options.getByTestId('backend-add-name').fill(input.name);
  await options.getByTestId('backend-add-save').click();
  await allowPermissionDialog(() => holds(options, input.url));
  await waitFor(
    async () => (await options.getByTestId('backend-item').count()) === before + 1,
    'the new connection',
  );
  const item = options.getByTestId('backend-item').nth(before);
  expect(await item.getAttribute('data-backend-kind')).toBe(input.kind);
  await waitFor(
    async () => (await item.getAttribute('data-state')) === 'ready',
    `${input.name} ready`,
    15_000,
  );
  return (await item.getAttribute('data-backend-id'))!;
}

/**
 * Closes and relaunches the browser on the same profile. A Chromium that loads the extension from
 * the command line (as these tests do) forgets origins granted at run time when it restarts: the
 * connection says so and its work waits, asking nothing, until the user grants it again on the
 * options page — which is what a user does here. Returns the new browser.
 */
export async function restartBrowser(
  browser: Browser,
  sim: Sim,
  connectionId: string,
  baseUrl: string,
  /** Runs on the new browser before any page opens (e.g. to record its consoles). */
  onLaunch?: (next: Browser) => void,
): Promise<Browser> {
  const { userDataDir, downloadDir } = browser;
  await browser.close();
  const next = await launch({ sim, headless: false, userDataDir, downloadDir });
  onLaunch?.(next);
  const settings = await next.openPage('options');
  await connectionsShown(settings);
  const entry = connectionItem(settings, connectionId);
  await waitFor(async () => ((await entry.getAttribute('data-state')) ?? '') !== '', 'the connection shown');
  if ((await entry.getAttribute('data-state')) === 'needs-permission') {
    await entry.getByTestId('grant-permission').click();
    await allowPermissionDialog(() => holds(settings, baseUrl));
  }
  return next;
}
