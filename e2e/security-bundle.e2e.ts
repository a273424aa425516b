import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import {
  cspProblems,
  findCalls,
  findDynamicCode,
  findRemoteScriptTags,
} from '../tests/security/dynamic-code';
import { type Browser, EXTENSION_DIR, launch } from './harness';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(ext))
    .map((entry) => join(entry.parentPath, entry.name));
}

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<
  string,
  unknown
>;

test('no built script runs code that is not in the package (parsed, not grepped)', () => {
  const scripts = files(EXTENSION_DIR, '.js');
  expect(scripts.length).toBeGreaterThan(2);
  const findings = scripts.flatMap((file) =>
    findDynamicCode(readFileSync(file, 'utf8')).map(
      (f) => `${relative(EXTENSION_DIR, file)}: ${f.rule} …${f.excerpt}…`,
    ),
  );
  expect(findings).toEqual([]);
});

test('storage.session keeps Chrome’s default access level (extension pages and worker only)', () => {
  // The token lives in storage.session; `setAccessLevel` would open it to content scripts.
  for (const file of files(EXTENSION_DIR, '.js'))
    expect(findCalls(readFileSync(file, 'utf8'), 'setAccessLevel'), relative(EXTENSION_DIR, file)).toEqual(
      [],
    );
});

test('every page loads only its own packaged scripts', () => {
  const pages = files(EXTENSION_DIR, '.html');
  expect(pages.map((p) => relative(EXTENSION_DIR, p)).sort()).toEqual([
    'options.html',
    'popup.html',
    'sidepanel.html',
  ]);
  for (const page of pages) expect(findRemoteScriptTags(readFileSync(page, 'utf8')), page).toEqual([]);
});

test('the CSP is the MV3 default or stricter, and nothing is sandboxed', () => {
  expect(cspProblems(manifest.content_security_policy)).toEqual([]);
  expect(manifest.sandbox).toBeUndefined();
});

describe('at run time', () => {
  let sim: Sim;
  let browser: Browser;

  beforeAll(async () => {
    sim = await startSim({ renderMs: 1_000 });
    browser = await launch({ sim });
  });

  afterAll(async () => {
    await browser?.dispose();
    await sim?.close();
  });

  test('zod runs interpreter-only (jitless) in the worker and every page', async () => {
    const jitless = () =>
      (globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless ?? null;
    const worker = await browser.serviceWorker();
    expect(await worker.evaluate(jitless)).toBe(true);
    for (const name of ['sidepanel', 'popup', 'options'] as const) {
      const page = await browser.openPage(name);
      await page.waitForLoadState('load');
      expect(await page.evaluate(jitless), name).toBe(true);
      await page.close();
    }
  });
});
