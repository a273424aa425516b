import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from 'playwright-core';
import type { Sim } from '../sim';
import { findChromium } from './chromium';
import { waitFor } from './wait';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../.output/chrome-mv3');

/** One running-status change of the extension's service worker, as CDP reports it. */
export interface WorkerStatusChange {
  at: number;
  status: 'stopped' | 'starting' | 'running' | 'stopping';
}

export interface LaunchOptions {
  sim: Sim;
  /** Reuse a profile (browser restart); a fresh temporary one otherwise. */
  userDataDir?: string;
  downloadDir?: string;
  headless?: boolean;
  /**
   * The browser's own language, which `chrome.i18n` follows; English otherwise. On Linux Chromium
   * takes it from `LANGUAGE` (`--lang` alone leaves `getUILanguage()` English), and only with the
   * language's pack installed (Debian: `chromium-l10n`). `LANG` stays `C.UTF-8`, the one UTF-8
   * locale every Debian has: with a locale the system lacks (`zh_CN.UTF-8` without `locales`),
   * Chromium's file names fall back to ASCII and refuse every Chinese download name. Playwright's
   * own `locale` is not used: its per-page override leaks into `getUILanguage()` of other pages
   * and is dropped when its page closes. docs/chromium-e2e.md §7.
   */
  locale?: 'zh-CN';
}

/** A running Chromium with the built extension, mapped to the simulator. */
export interface Browser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  downloadDir: string;
  /** Opens one of the extension's pages (`sidepanel`, `popup`, `options`) in a tab. */
  openPage(name: 'sidepanel' | 'popup' | 'options'): Promise<Page>;
  /** The background service worker (woken first if it was stopped). */
  serviceWorker(): Promise<Worker>;
  /**
   * Stops the service worker the way Chrome does when it idles out. Driven from a blank tab, so no
   * extension page is opened (an open extension page wakes the worker again at once).
   */
  stopServiceWorker(): Promise<void>;
  /** Every running-status change of the extension's worker seen since the first call (with times). */
  workerStatusLog(): Promise<readonly WorkerStatusChange[]>;
  /** Signs the browser in to the simulator (sets the session cookies through a real page load). */
  signIn(): Promise<void>;
  /** Closes the browser; the profile and downloads stay until `dispose`. */
  close(): Promise<void>;
  /** Closes and deletes the temporary profile and download folder. */
  dispose(): Promise<void>;
}

/** Chrome reads its download folder from the profile; this makes `downloads.download` save where we look. */
function writePreferences(userDataDir: string, downloadDir: string): void {
  const prefsDir = join(userDataDir, 'Default');
  mkdirSync(prefsDir, { recursive: true });
  const prefs = {
    download: { default_directory: downloadDir, prompt_for_download: false, directory_upgrade: true },
  };
  writeFileSync(join(prefsDir, 'Preferences'), JSON.stringify(prefs));
}

async function findWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return existing ?? context.waitForEvent('serviceworker', { timeout: 20_000 });
}

/** Launches Chromium with the production build of the extension loaded against the simulator. */
export async function launch(options: LaunchOptions): Promise<Browser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'sora-e2e-profile-'));
  const downloadDir = options.downloadDir ?? mkdtempSync(join(tmpdir(), 'sora-e2e-downloads-'));
  writePreferences(userDataDir, downloadDir);
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: findChromium(),
    headless: options.headless ?? true,
    acceptDownloads: false,
    viewport: { width: 420, height: 800 },
    ...(options.locale
      ? {
          env: {
            ...process.env,
            LANGUAGE: options.locale.replace('-', '_'),
            LANG: 'C.UTF-8',
          },
        }
      : {}),
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      ...options.sim.chromiumArgs(),
    ],
  });
  const cdp = await context.browser()!.newBrowserCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  let worker = await findWorker(context);
  const extensionId = new URL(worker.url()).host;

  const openPage = async (name: 'sidepanel' | 'popup' | 'options'): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${name}.html`);
    return page;
  };

  // A blank tab's CDP session sees (and can stop) the extension's worker without being an extension page.
  let watching: Promise<{ session: CDPSession; changes: WorkerStatusChange[] }> | undefined;
  const watcher = (): Promise<{ session: CDPSession; changes: WorkerStatusChange[] }> => {
    watching ??= (async () => {
      const tab = await context.newPage();
      const session = await context.newCDPSession(tab);
      const changes: WorkerStatusChange[] = [];
      session.on('ServiceWorker.workerVersionUpdated', (event) => {
        for (const v of event.versions) {
          if (!v.scriptURL.includes(extensionId)) continue;
          const status = v.runningStatus as WorkerStatusChange['status'];
          if (changes[changes.length - 1]?.status !== status) changes.push({ at: Date.now(), status });
        }
      });
      await session.send('ServiceWorker.enable');
      return { session, changes };
    })();
    return watching;
  };

  const browser: Browser = {
    context,
    extensionId,
    userDataDir,
    downloadDir,
    openPage,
    async serviceWorker() {
      const pages = context.pages().filter((p) => p.url().startsWith(`chrome-extension://${extensionId}/`));
      const waker = pages[0] ?? (await openPage('options'));
      // A stopped worker hangs `evaluate`; a message from an extension page wakes it (docs/chromium-e2e.md §3).
      await waker.evaluate(() => chrome.runtime.sendMessage({ wake: true }).catch(() => undefined));
      worker =
        context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
        worker;
      return worker;
    },
    async stopServiceWorker() {
      const watch = await watcher();
      // Already stopped (no page woke it since): nothing to stop, and no "stopped" event will come.
      if (watch.changes.at(-1)?.status === 'stopped') return;
      const since = watch.changes.length;
      await watch.session.send('ServiceWorker.stopAllWorkers');
      await waitFor(
        () => watch.changes.slice(since).some((c) => c.status === 'stopped'),
        'the worker stopped',
      );
    },
    async workerStatusLog() {
      return (await watcher()).changes;
    },
    async signIn() {
      const page = await context.newPage();
      await page.goto('https://sora.chatgpt.com/__sim/login');
      await page.close();
    },
    close: () => context.close(),
    async dispose() {
      await context.close().catch(() => undefined);
      if (!options.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
      if (!options.downloadDir) rmSync(downloadDir, { recursive: true, force: true });
    },
  };
  return browser;
}
