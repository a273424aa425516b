import { storage } from 'wxt/utils/storage';
import type { CachedToken } from '../sora/session';

/**
 * The Sora access token: `storage.session` only, which lives in memory, is cleared when the browser
 * closes, and is not exposed to content scripts (Chrome's default access level is trusted contexts).
 */
export const tokenItem = storage.defineItem<CachedToken | null>('session:token', { fallback: null });
