import { existsSync } from 'node:fs';

/** Where a test-capable Chromium usually lives (Debian package first; never a tool-downloaded browser). */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/lib/chromium/chromium',
  '/snap/bin/chromium',
  '/opt/google/chrome-for-testing/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * The Chromium to test with: `CHROMIUM_PATH` first, then the usual install paths. Branded Google Chrome
 * 137+ ignores --load-extension, so it is deliberately not on the list.
 */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found. Install it (Debian/Ubuntu: `sudo apt-get install -y chromium`) or set CHROMIUM_PATH ' +
        'to a Chromium or Chrome for Testing binary. Branded Google Chrome cannot load unpacked extensions.',
    );
  }
  return found;
}
