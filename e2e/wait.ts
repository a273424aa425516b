import { existsSync, readdirSync, statSync } from 'node:fs';
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
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(path).isDirectory()) return listFiles(path, rel);
    return name.endsWith('.crdownload') ? [] : [rel];
  });
}
