import { browser } from 'wxt/browser';
import { SORA_HOST_PATTERNS } from '../sora/declared';

/** The hosts every job needs (the manifest's host_permissions; see wxt.config.ts and the README). */
export const REQUIRED_ORIGINS: string[] = [...SORA_HOST_PATTERNS];

/** Whether the user still grants the extension access to the Sora hosts (it can be revoked at runtime). */
export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ origins: REQUIRED_ORIGINS });
  } catch {
    return false;
  }
}

/** Asks for the Sora hosts again; must be called from a click in an extension page. */
export function requestHostAccess(): Promise<boolean> {
  return browser.permissions.request({ origins: REQUIRED_ORIGINS });
}

/** The host permission pattern for a URL's origin (`https://host/*`), or null for other schemes. */
export function originPattern(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:'
      ? `${parsed.protocol}//${parsed.host}/*`
      : null;
  } catch {
    return null;
  }
}

/**
 * Asks for the sites that linked images live on (optional host permissions), so the worker may
 * fetch them. Call it first in the click: Chrome grants only in a user gesture. Already granted
 * origins resolve at once without a prompt.
 */
export async function requestImageOrigins(urls: readonly string[]): Promise<boolean> {
  const origins = [...new Set(urls.map(originPattern).filter((o): o is string => o !== null))];
  if (origins.length === 0) return true;
  return browser.permissions.request({ origins }).catch(() => false);
}
