/**
 * Runs in the Sora page (MAIN world, injected by `scripting.executeScript`, so it must be
 * self-contained): waits for the page's own SentinelSDK (docs/backend-facts.md §3.3 step 1: tools wait 10–15 s) and
 * asks it for a token. Returns the token string or null; nothing is posted to the window.
 */
export async function sentinelInPage(flow: string): Promise<string | null> {
  type Sdk = { token?: (flow: string, deviceId?: string) => Promise<unknown> };
  // docs/backend-facts.md §7.4: a Cloudflare interstitial has no SDK; give up at once instead of waiting.
  if (/just a moment/i.test(document.title)) return null;
  const deadline = Date.now() + 10_000;
  const sdk = (): Sdk | undefined => (window as unknown as { SentinelSDK?: Sdk }).SentinelSDK;
  while (typeof sdk()?.token !== 'function') {
    if (Date.now() > deadline) return null;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // docs/backend-facts.md §3.3 step 3: SCD/SHC pass the `oai-did` cookie as the device id; the page can read it.
  const did = /(?:^|;\s*)oai-did=([^;]+)/.exec(document.cookie)?.[1];
  try {
    const token = await sdk()!.token!(flow, did ? decodeURIComponent(did) : undefined);
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}
