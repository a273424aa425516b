/** Query parameters of our API backends that carry no secret (ids and paging). */
const SAFE_PARAMS = new Set(['taskId', 'limit', 'order', 'after', 'variant']);

/** `https://host/path?after=…`, every other query value masked; never user:password. */
export function maskApiUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[unparseable url]';
  }
  const query = [...parsed.searchParams.keys()].map(
    (key) => `${key}=${SAFE_PARAMS.has(key) ? parsed.searchParams.get(key) : '***'}`,
  );
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query.length ? `?${query.join('&')}` : ''}`;
}

/** How a saved key is shown: its first 3 and last 4 characters (short keys: the last 2 only). */
export function maskKey(key: string): string {
  const k = key.trim();
  if (k.length <= 8) return `…${k.slice(-2)}`;
  return `${k.slice(0, 3)}…${k.slice(-4)}`;
}

const BEARER = /Bearer\s+[\w.~+/=-]+/gi;
const KEY_SHAPED = /\b(?:sk|tk|pk|rk)-[\w-]{6,}\b/g;

/** Removes the given secrets, and anything key-shaped, from free text (servers echo requests in errors). */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('***');
  return out.replace(BEARER, 'Bearer ***').replace(KEY_SHAPED, '***');
}
