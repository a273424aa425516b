/** One cookie as stored by the jar (RFC 6265 subset). */
export interface StoredCookie {
  name: string;
  value: string;
  /** Lowercased, no leading dot. */
  domain: string;
  /** True when Set-Cookie had no Domain attribute: sent to that exact host only. */
  hostOnly: boolean;
  path: string;
  /** Expiry in ms since epoch; null = session cookie. */
  expires: number | null;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string | null;
}

const domainMatches = (host: string, domain: string): boolean =>
  host === domain || host.endsWith(`.${domain}`);

const pathMatches = (reqPath: string, cookiePath: string): boolean =>
  reqPath === cookiePath ||
  (reqPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || reqPath[cookiePath.length] === '/'));

function defaultPath(pathname: string): string {
  const i = pathname.lastIndexOf('/');
  return i <= 0 ? '/' : pathname.slice(0, i);
}

/** A small browser-like cookie jar: Domain, Path, Expires/Max-Age (incl. deletion), Secure, HttpOnly. */
export class CookieJar {
  private store: StoredCookie[] = [];

  /** Applies one Set-Cookie header value received from `url`. */
  setCookie(header: string, url: string | URL, now: number = Date.now()): void {
    const u = new URL(url);
    const host = u.hostname.toLowerCase();
    const [pair = '', ...attrs] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const c: StoredCookie = {
      name: pair.slice(0, eq).trim(),
      value: pair.slice(eq + 1).trim(),
      domain: host,
      hostOnly: true,
      path: defaultPath(u.pathname),
      expires: null,
      secure: false,
      httpOnly: false,
      sameSite: null,
    };
    let maxAge: number | null = null;
    for (const attr of attrs) {
      const [k = '', ...rest] = attr.split('=');
      const key = k.trim().toLowerCase();
      const v = rest.join('=').trim();
      if (key === 'domain' && v) {
        const d = v.replace(/^\./, '').toLowerCase();
        if (!domainMatches(host, d)) return; // a server may not set cookies for a foreign domain
        c.domain = d;
        c.hostOnly = false;
      } else if (key === 'path' && v.startsWith('/')) c.path = v;
      else if (key === 'expires') {
        const t = Date.parse(v);
        if (!Number.isNaN(t)) c.expires = t;
      } else if (key === 'max-age' && /^-?\d+$/.test(v)) maxAge = Number(v);
      else if (key === 'secure') c.secure = true;
      else if (key === 'httponly') c.httpOnly = true;
      else if (key === 'samesite') c.sameSite = v.toLowerCase();
    }
    if (maxAge !== null) c.expires = maxAge <= 0 ? 0 : now + maxAge * 1000; // Max-Age wins over Expires
    this.store = this.store.filter((o) => !(o.name === c.name && o.domain === c.domain && o.path === c.path));
    if (c.expires === null || c.expires > now) this.store.push(c);
  }

  /** Cookies that would be sent to `url`, most specific path first. */
  cookiesFor(url: string | URL, now: number = Date.now()): StoredCookie[] {
    const u = new URL(url);
    const host = u.hostname.toLowerCase();
    this.store = this.store.filter((c) => c.expires === null || c.expires > now);
    return this.store
      .filter((c) => (c.hostOnly ? host === c.domain : domainMatches(host, c.domain)))
      .filter((c) => pathMatches(u.pathname, c.path) && (!c.secure || u.protocol === 'https:'))
      .sort((a, b) => b.path.length - a.path.length);
  }

  /** The Cookie header value for `url` ('' when none). */
  header(url: string | URL, now: number = Date.now()): string {
    return this.cookiesFor(url, now)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** The cookie named `name` that would be sent to `url`. */
  get(url: string | URL, name: string): StoredCookie | undefined {
    return this.cookiesFor(url).find((c) => c.name === name);
  }

  /** Every stored, unexpired cookie. */
  all(): StoredCookie[] {
    const now = Date.now();
    return this.store.filter((c) => c.expires === null || c.expires > now).map((c) => ({ ...c }));
  }

  clear(): void {
    this.store = [];
  }
}
