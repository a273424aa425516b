/** True for an https link on one of `hosts`; anything else is never fetched or handed to the downloader. */
export function isMediaUrl(url: string, hosts: readonly string[]): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && hosts.includes(parsed.hostname);
  } catch {
    return false;
  }
}
