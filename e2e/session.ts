import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { type Sim, startSim } from '../sim';
import { setSettings } from './extension';
import { type Browser, launch } from './harness';

export interface Session {
  sim: Sim;
  browser: Browser;
  /** The extension page the test drives (already polling every second). */
  page: Page;
}

/**
 * One simulator + signed-in Chromium per test, disposed after each test. `start` opens the given
 * extension page and sets a 1 s poll interval so tests run in seconds.
 */
export function useSessions(): (
  settings: Parameters<typeof startSim>[0],
  page?: 'sidepanel' | 'options',
) => Promise<Session> {
  let current: { sim: Sim; browser?: Browser } | null = null;
  afterEach(async () => {
    await current?.browser?.dispose();
    await current?.sim.close();
    current = null;
  });
  return async (settings, pageName = 'options') => {
    const sim = await startSim(settings);
    current = { sim };
    const browser = await launch({ sim });
    current.browser = browser;
    await browser.signIn();
    const page = await browser.openPage(pageName);
    await setSettings(page, { pollIntervalSec: 1 });
    return { sim, browser, page };
  };
}
