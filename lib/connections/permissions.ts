import { browser } from 'wxt/browser';
import { originPatternOf } from '../backends/capabilities';
import type { Connection } from './schema';
import { publishConnectionState } from './status';

/**
 * The host permission a connection needs: its base URL's origin. Match patterns carry no port, so
 * `http://localhost:4000/v1` asks for `http://localhost/*`. The manifest's `optional_host_permissions`
 * (`https://*\/*`, `http://*\/*`, wxt.config.ts) already allows asking for any such origin.
 */
export function connectionOriginPattern(baseUrl: string): string {
  return originPatternOf(baseUrl);
}

/** Whether the extension may reach the connection's server now (it can be revoked at any time). */
export async function hasConnectionAccess(c: Pick<Connection, 'baseUrl'>): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: [connectionOriginPattern(c.baseUrl)] });
  } catch {
    return false;
  }
}

/** `hasConnectionAccess`, and when it is missing the connection says so (options page, account bar). */
export async function checkConnectionAccess(
  c: Pick<Connection, 'id' | 'baseUrl'>,
  now: () => number,
): Promise<boolean> {
  const granted = await hasConnectionAccess(c);
  if (!granted)
    await publishConnectionState(c.id, {
      state: 'needs-permission',
      reason: 'This browser has not granted access to the server: use Grant.',
      checkedAt: now(),
    });
  return granted;
}

/**
 * Asks for the connection's origin. Call it first in the click handler (Chrome grants only in a user
 * gesture; an e2e test answers the dialog with a headful Chromium and a key press). An origin already granted resolves at once.
 */
export function requestConnectionAccess(c: Pick<Connection, 'baseUrl'>): Promise<boolean> {
  return browser.permissions.request({ origins: [connectionOriginPattern(c.baseUrl)] }).catch(() => false);
}
