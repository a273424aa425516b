/** Hosts on which plain `http:` is allowed: traffic to them never leaves this computer. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export type BaseUrlResult =
  | { ok: true; url: string }
  | { ok: false; reason: string; messageKey: BaseUrlMessageKey };

export type BaseUrlMessageKey =
  | 'connectionUrlInvalid'
  | 'connectionUrlInsecure'
  | 'connectionUrlCredentials'
  | 'connectionUrlQuery';

/**
 * Checks and tidies a base URL. `https:` anywhere; `http:` only on loopback (a LiteLLM proxy's default
 * is `http://localhost:4000`, LiteLLM docs "/videos"), because elsewhere it would send the key in clear.
 * No `user:password@` (that is a secret in the URL), no query or fragment; trailing slashes go.
 */
export function normalizeBaseUrl(input: string): BaseUrlResult {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'This is not a web address.', messageKey: 'connectionUrlInvalid' };
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname)))
    return {
      ok: false,
      reason:
        'Use an https:// address (plain http:// only for localhost or 127.0.0.1), so the key is never sent in clear.',
      messageKey: 'connectionUrlInsecure',
    };
  if (u.username || u.password)
    return {
      ok: false,
      reason: 'Leave the user name and password out of the address; put the key in the keys box.',
      messageKey: 'connectionUrlCredentials',
    };
  if (u.search || u.hash)
    return {
      ok: false,
      reason: 'The base address takes no ?query or #fragment.',
      messageKey: 'connectionUrlQuery',
    };
  return { ok: true, url: `${u.origin}${u.pathname.replace(/\/+$/, '')}` };
}
