import { hasHostAccess } from '../platform/permissions';
import { accountItem } from '../settings/items';
import type { FullBackend, NamedOption, Quota } from '../sora/backend';
import { SORA_CONCURRENCY_CAP } from '../sora/declared';

/** Generations one account may run at once (docs/backend-facts.md §7.2). */
export const SLOT_CAP = SORA_CONCURRENCY_CAP;
/** Styles change rarely; the composer asks each time a page opens. */
const STYLES_TTL_MS = 10 * 60_000;

/** What the account bar shows; null fields are unknown (signed out, or the backend did not say). */
export interface AccountInfo {
  plan: string | null;
  quota: Quota | null;
  slots: { used: number; max: number } | null;
}

async function settle<T>(promise: Promise<T>): Promise<T | null> {
  return promise.catch(() => null);
}

/** Whether the account may be asked anything: signed in, with the site access granted. */
async function mayAsk(): Promise<boolean> {
  return (await accountItem.getValue()).state === 'signed-in' && (await hasHostAccess());
}

/**
 * Plan, quota and slots in use. Nothing is asked while the account is signed out (the only request
 * then is the session check, see the pipeline's sign-out rule) or while the site access is revoked
 * (no request at all).
 */
export async function accountInfo(backend: FullBackend): Promise<AccountInfo> {
  if (!(await mayAsk())) return { plan: null, quota: null, slots: null };
  const [plan, quota, poll] = await Promise.all([
    settle(backend.plan()),
    settle(backend.quota()),
    settle(backend.poll([])),
  ]);
  return { plan, quota, slots: poll ? { used: poll.activeCount, max: SLOT_CAP } : null };
}

/** The live style list, cached in the worker; empty while signed out. */
export function createStyleCache(backend: FullBackend, now: () => number): () => Promise<NamedOption[]> {
  let cached: { styles: NamedOption[]; at: number } | null = null;
  return async () => {
    if (cached && now() - cached.at < STYLES_TTL_MS) return cached.styles;
    if (!(await mayAsk())) return [];
    const styles = await backend.styles();
    cached = { styles, at: now() };
    return styles;
  };
}
