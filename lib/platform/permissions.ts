import { browser } from 'wxt/browser';

/** The hosts every job needs (the manifest's host_permissions; see wxt.config.ts and the README). */
export const REQUIRED_ORIGINS = [
  'https://sora.chatgpt.com/*',
  'https://chatgpt.com/*',
  'https://videos.openai.com/*',
];

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
