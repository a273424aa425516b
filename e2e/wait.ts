import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * Polls `probe` every `everyMs` until it returns a truthy value or the time runs out (no fixed sleeps
 * in tests). A short `everyMs` is for moments a test must act on at once (a file just handed over).
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  what: string,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${what} (last value: ${JSON.stringify(last)})`,
  );
}

/** Every file under a folder, relative paths; Chrome's partial `.crdownload` files too. */
export function listAllFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  // Directory entries carry their type: no stat of a partial file Chrome may rename meanwhile.
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listAllFiles(join(dir, entry.name), rel) : [rel];
  });
}

/** Every finished file under a folder (Chrome's partial `.crdownload` files excluded), relative paths. */
export function listFiles(dir: string): string[] {
  return listAllFiles(dir).filter((f) => !f.endsWith('.crdownload'));
}

/**
 * The download folder holds exactly `count` finished files and nothing else: no partial
 * `.crdownload` left by a second, abandoned download, and no "name (1).mp4" uniquified duplicate.
 * With `only`, just the files it matches are counted (the videos beside their sidecars).
 */
export function expectCleanDownloads(dir: string, count: number, only?: RegExp): string[] {
  const every = listAllFiles(dir);
  const all = only ? every.filter((f) => only.test(f)) : every;
  expect(
    every.filter((f) => f.endsWith('.crdownload')),
    'partial downloads',
  ).toEqual([]);
  expect(
    every.filter((f) => / \(\d+\)(\.[a-z0-9]+)?$/i.test(f)),
    'uniquified duplicates',
  ).toEqual([]);
  expect(all, 'finished files').toHaveLength(count);
  return all;
}
