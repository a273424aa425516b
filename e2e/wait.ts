import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Polls `probe` until it returns a truthy value or the time runs out (no fixed sleeps in tests). */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what} (last value: ${JSON.stringify(last)})`,
  );
}

/** Every finished file under a folder (Chrome's partial `.crdownload` files excluded), relative paths. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  // Directory entries carry their type: no stat of a partial file Chrome may rename meanwhile.
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return listFiles(join(dir, entry.name), rel);
    return entry.name.endsWith('.crdownload') ? [] : [rel];
  });
}
