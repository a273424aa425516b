import { SoraError } from './errors';
import type { Http } from './http';
import { jwtExpiry } from './jwt';
import { readSessionBody } from './session-body';

export const SORA_ORIGIN = 'https://sora.chatgpt.com';

/** A token cached in worker memory and `storage.session` only — never anywhere a page can read. */
export interface CachedToken {
  accessToken: string;
  expiresAt: number;
  email: string | null;
}

/** Where the token may live besides memory (the background passes `storage.session`). */
export interface TokenStore {
  get(): Promise<CachedToken | null>;
  set(token: CachedToken | null): Promise<void>;
}

/** Signed out is a state, not an error; `plan` is filled by the backend (docs/backend-facts.md §2.6), null if unknown. */
export type SessionState =
  | { state: 'signed-in'; email: string | null; plan?: string | null }
  | { state: 'signed-out' };

export interface SessionDeps {
  http: Http;
  store: TokenStore;
  now: () => number;
  /**
   * Loads a Sora page in the extension's own background tab (opening one if it has none) so the page
   * re-issues the token (docs/backend-facts.md §2.2). Never the user's tab.
   */
  reloadSoraPage: () => Promise<void>;
}

/**
 * Sign-in is learned from `check()`, which the pipeline calls at most every 10 s while signed out and
 * the UI calls when a page opens. There is deliberately no `cookies` permission to watch cookie changes.
 */
export interface Session {
  /** A valid access token, refreshed before expiry; throws SoraError `signed_out`. */
  token(): Promise<string>;
  /** Drops the cached token after a 401 so the next call fetches a fresh one. */
  invalidate(): Promise<void>;
  /**
   * Asks the backend who is signed in, bypassing the cache. A session that only offers the token the
   * backend just refused counts as signed out: nothing can succeed with it until Sora issues a new one.
   */
  check(): Promise<SessionState>;
  /** Whether a token is held in worker memory (diagnostics and tests; never the token itself). */
  isCached(): boolean;
}

/** Refresh this long before `exp` (docs/backend-facts.md §2.4: PYC 60 s, SV 120 s). */
export const REFRESH_MARGIN_MS = 120_000;

const signedOut = (): SoraError =>
  new SoraError({ code: 'signed_out', message: 'Not signed in to sora.chatgpt.com.', endpoint: 'session' });

/** Creates the session reader over `/api/auth/session` with the browser's cookies. */
export function createSession(deps: SessionDeps): Session {
  let memory: CachedToken | null = null;
  let rejected: string | null = null;
  let refreshing: Promise<CachedToken> | null = null;

  async function fetchToken(): Promise<CachedToken | null> {
    const res = await deps.http.text({
      endpoint: 'session',
      url: `${SORA_ORIGIN}/api/auth/session`,
      init: { credentials: 'include' },
    });
    const body = readSessionBody(res);
    if (!body) return null;
    const expiresAt = jwtExpiry(body.accessToken) ?? deps.now() + 60 * 60_000;
    return { accessToken: body.accessToken, expiresAt, email: body.email };
  }

  const fresh = (t: CachedToken): boolean => t.expiresAt - deps.now() > REFRESH_MARGIN_MS;
  const usable = (t: CachedToken | null): t is CachedToken =>
    t !== null && t.accessToken !== rejected && fresh(t);

  async function keep(token: CachedToken | null): Promise<CachedToken> {
    memory = token;
    await deps.store.set(token);
    if (!token) throw signedOut();
    return token;
  }

  async function refresh(): Promise<CachedToken> {
    const first = await fetchToken();
    if (!first || usable(first)) return keep(first);
    // docs/backend-facts.md §2.2 [conflict]: the endpoint may hand back the same JWT until a Sora page (re)loads.
    await deps.reloadSoraPage();
    const second = await fetchToken();
    if (second && !fresh(second)) {
      throw new SoraError({
        code: 'auth',
        message: 'Sora keeps handing back an expired session.',
        endpoint: 'session',
      });
    }
    // The same, unexpired token after a reload: let the server decide once more. A second 401 surfaces as
    // `auth`, and the pipeline falls back to its slow session check instead of looping here.
    rejected = null;
    return keep(second);
  }

  return {
    async token() {
      if (usable(memory)) return memory.accessToken;
      const stored = await deps.store.get();
      if (usable(stored)) {
        memory = stored;
        return stored.accessToken;
      }
      refreshing ??= refresh().finally(() => {
        refreshing = null;
      });
      return (await refreshing).accessToken;
    },
    async invalidate() {
      rejected = memory?.accessToken ?? (await deps.store.get())?.accessToken ?? rejected;
      memory = null;
      await deps.store.set(null);
    },
    async check() {
      const current = await fetchToken();
      // Reliability docs/reliability.md §16: after a final 401/403, the same token back means "sign in again".
      if (!current || current.accessToken === rejected) {
        memory = null;
        await deps.store.set(null);
        return { state: 'signed-out' };
      }
      if (usable(current)) {
        memory = current;
        await deps.store.set(current);
      }
      return { state: 'signed-in', email: current.email, plan: null };
    },
    isCached: () => memory !== null,
  };
}
