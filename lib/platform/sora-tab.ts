import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

const SORA_PAGE = 'https://sora.chatgpt.com/explore';
/** The tab this extension opened itself; the only Sora tab it ever reloads. */
const ownTabItem = storage.defineItem<number | null>('session:ownSoraTab', { fallback: null });

/** Runs in the Sora page (MAIN world): waits for the page's own SentinelSDK and asks it for a token. */
async function sentinelInPage(flow: string): Promise<string | null> {
  type Sdk = { token?: (flow: string) => Promise<unknown> };
  const deadline = Date.now() + 10_000;
  const sdk = (): Sdk | undefined => (window as unknown as { SentinelSDK?: Sdk }).SentinelSDK;
  while (typeof sdk()?.token !== 'function') {
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    const token = await sdk()!.token!(flow);
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

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

/** Finds a Sora tab to run in, opening a background one only when none exists. */
async function soraTab(onOpen: () => void): Promise<number> {
  const own = await ownTab();
  if (own !== null) return own;
  const [existing] = await browser.tabs.query({ url: 'https://sora.chatgpt.com/*' });
  if (existing?.id !== undefined) return existing.id;
  onOpen();
  const tab = await browser.tabs.create({ url: SORA_PAGE, active: false });
  if (tab.id === undefined) throw new Error('Could not open a sora.chatgpt.com tab.');
  await ownTabItem.setValue(tab.id);
  await waitForLoad(tab.id);
  return tab.id;
}

export interface SoraTabPort {
  /** `SentinelSDK.token(flow)` in a Sora page; null when the SDK cannot be had. */
  sentinelToken(flow: string): Promise<string | null>;
  /** Reloads the extension's own Sora tab so the page re-issues the session token. */
  reloadOwnTab(): Promise<void>;
}

/** The real adapter over `tabs` + `scripting` (MAIN world: the SDK lives on the page's window). */
export function createSoraTab(onOpen: () => void): SoraTabPort {
  return {
    async sentinelToken(flow) {
      const tabId = await soraTab(onOpen);
      const [result] = await browser.scripting.executeScript({
        target: { tabId },
        world: 'MAIN',
        func: sentinelInPage,
        args: [flow],
      });
      return typeof result?.result === 'string' ? result.result : null;
    },
    async reloadOwnTab() {
      const own = await ownTab();
      if (own === null) return;
      await browser.tabs.reload(own);
      await waitForLoad(own);
    },
  };
}
