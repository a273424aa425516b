/** Hosts on which plain `http:` is allowed: traffic to them never leaves this computer (a local gateway). */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * True for an https link (http only on loopback) on one of `hosts`, or on any host when `hosts` is
 * `'any'` (a backend whose answers name their own CDN); anything else is never fetched or handed to
 * the downloader.
 */
export function isMediaUrl(url: string, hosts: readonly string[] | 'any'): boolean {
  try {
    const parsed = new URL(url);
    const secure =
      parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname));
    return secure && (hosts === 'any' || hosts.includes(parsed.hostname));
  } catch {
    return false;
  }
}

/** The hosts a backend's declaration allows its files to come from. */
export function mediaHostsOf(media: {
  hosts: readonly string[];
  anyHost?: boolean;
}): readonly string[] | 'any' {
  return media.anyHost ? 'any' : media.hosts;
}
