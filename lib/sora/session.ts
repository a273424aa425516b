import { SoraError } from './errors';
import type { Http } from './http';
import { jwtExpiry } from './jwt';
import { SessionResponseSchema } from './schemas';

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

export type SessionState = { state: 'signed-in'; email: string | null } | { state: 'signed-out' };

export interface SessionDeps {
  http: Http;
  store: TokenStore;
  now: () => number;
  /** Reloads the extension's own background Sora tab so the page re-issues the token (facts §2.2). */
  reloadSoraPage: () => Promise<void>;
}

export interface Session {
  /** A valid access token, refreshed before expiry; throws SoraError `signed_out`. */
  token(): Promise<string>;
  /** Drops the cached token after a 401 so the next call fetches a fresh one. */
  invalidate(): Promise<void>;
  /** Asks the backend who is signed in, bypassing the cache. */
  check(): Promise<SessionState>;
}

/** Refresh this long before `exp` (facts §2.4: PYC 60 s, SV 120 s). */
const REFRESH_MARGIN_MS = 120_000;

/** Creates the session reader over `/api/auth/session` with the browser's cookies. */
export function createSession(deps: SessionDeps): Session {
  let memory: CachedToken | null = null;
  let rejected: string | null = null;

  async function fetchToken(): Promise<CachedToken | null> {
    const body = await deps.http.json(
      { endpoint: 'session', url: `${SORA_ORIGIN}/api/auth/session`, init: { credentials: 'include' } },
      SessionResponseSchema,
    );
    if (!body.accessToken) return null; // facts §2.2: empty body = not signed in
    const expiresAt = jwtExpiry(body.accessToken) ?? deps.now() + 60 * 60_000;
    return { accessToken: body.accessToken, expiresAt, email: body.user?.email ?? null };
  }

  function usable(token: CachedToken | null): token is CachedToken {
    return (
      token !== null && token.accessToken !== rejected && token.expiresAt - deps.now() > REFRESH_MARGIN_MS
    );
  }

  async function refresh(): Promise<CachedToken> {
    let fresh = await fetchToken();
    if (fresh && !usable(fresh)) {
      // facts §2.2 [conflict]: the endpoint may return the same JWT until a Sora page reloads.
      await deps.reloadSoraPage();
      fresh = await fetchToken();
      if (fresh && !usable(fresh)) {
        throw new SoraError({
          code: 'auth',
          message: 'Sora keeps handing back an expired session.',
          endpoint: 'session',
        });
      }
    }
    if (!fresh) {
      memory = null;
      await deps.store.set(null);
      throw new SoraError({
        code: 'signed_out',
        message: 'Not signed in to sora.chatgpt.com.',
        endpoint: 'session',
      });
    }
    memory = fresh;
    rejected = null;
    await deps.store.set(fresh);
    return fresh;
  }

  return {
    async token() {
      if (usable(memory)) return memory.accessToken;
      const stored = await deps.store.get();
      if (usable(stored)) {
        memory = stored;
        return stored.accessToken;
      }
      return (await refresh()).accessToken;
    },
    async invalidate() {
      rejected = memory?.accessToken ?? rejected;
      memory = null;
      await deps.store.set(null);
    },
    async check() {
      const fresh = await fetchToken();
      memory = usable(fresh) ? fresh : null;
      await deps.store.set(memory);
      return fresh ? { state: 'signed-in', email: fresh.email } : { state: 'signed-out' };
    },
  };
}
