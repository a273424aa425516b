import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { sentinelInPage } from './sentinel-in-page';

const SORA_PAGE = 'https://sora.chatgpt.com/explore';
/** The tab this extension opened itself; the only Sora tab it ever reloads. */
const ownTabItem = storage.defineItem<number | null>('session:ownSoraTab', { fallback: null });

/**
 * What the UI shows about the Sora tab the extension needs :
 * - `none`: a Sora tab of the user's served the last request; nothing to say;
 * - `own-tab-open`: no Sora tab existed, so the extension opened one in the background;
 * - `sdk-unavailable`: the page's SentinelSDK could not be had; creates wait — "open sora.chatgpt.com".
 */
export interface SoraTabStatus {
  state: 'none' | 'own-tab-open' | 'sdk-unavailable';
  at: number;
}

/** `storage.session` item the background writes and the UI reads (no secrets in it). */
export const soraTabStatusItem = storage.defineItem<SoraTabStatus>('session:soraTabStatus', {
  fallback: { state: 'none', at: 0 },
});

async function waitForLoad(tabId: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const tab = await browser.tabs.get(tabId);
    if (tab.status === 'complete') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function ownTab(): Promise<number | null> {
  const id = await ownTabItem.getValue();
  if (id === null) return null;
  try {
    await browser.tabs.get(id);
    return id;
  } catch {
    await ownTabItem.setValue(null);
    return null;
  }
}

async function openOwnTab(): Promise<number> {
  const tab = await browser.tabs.create({ url: SORA_PAGE, active: false });
  if (tab.id === undefined) throw new Error('Could not open a sora.chatgpt.com tab.');
  await ownTabItem.setValue(tab.id);
  await waitForLoad(tab.id);
  return tab.id;
}

/** A Sora tab to run in: our own, else the user's, else a new background one (and only then). */
async function soraTab(): Promise<{ tabId: number; own: boolean }> {
  const own = await ownTab();
  if (own !== null) return { tabId: own, own: true };
  const [existing] = await browser.tabs.query({ url: 'https://sora.chatgpt.com/*' });
  if (existing?.id !== undefined) return { tabId: existing.id, own: false };
  return { tabId: await openOwnTab(), own: true };
}

export interface SoraTabPort {
  /** `SentinelSDK.token(flow)` in a Sora page; null when the SDK cannot be had. */
  sentinelToken(flow: string): Promise<string | null>;
  /** Reloads the extension's own Sora tab (opening one when it has none) so the page re-issues the token. */
  reloadOwnTab(): Promise<void>;
}

export interface SoraTabDeps {
  onStatus: (status: SoraTabStatus) => void | Promise<void>;
  now: () => number;
}

/** The real adapter over `tabs` + `scripting` (MAIN world: the SDK lives on the page's window). */
export function createSoraTab(deps: SoraTabDeps): SoraTabPort {
  const report = async (state: SoraTabStatus['state']): Promise<void> => {
    await deps.onStatus({ state, at: deps.now() });
  };
  return {
    async sentinelToken(flow) {
      let token: string | null = null;
      let own = false;
      try {
        const tab = await soraTab();
        own = tab.own;
        // The token comes back only as the script's result; it never crosses window messages.
        const [result] = await browser.scripting.executeScript({
          target: { tabId: tab.tabId },
          world: 'MAIN',
          func: sentinelInPage,
          args: [flow],
        });
        token = typeof result?.result === 'string' ? result.result : null;
      } catch {
        token = null;
      }
      await report(token === null ? 'sdk-unavailable' : own ? 'own-tab-open' : 'none');
      return token;
    },
    async reloadOwnTab() {
      const own = await ownTab();
      if (own === null) {
        await openOwnTab();
        await report('own-tab-open');
        return;
      }
      await browser.tabs.reload(own);
      await waitForLoad(own);
    },
  };
}
