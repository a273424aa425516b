import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { RPC_TAG, RpcRequestSchema } from '../lib/rpc/contract';
import { type Sim, startSim } from '../sim';
import { findChromium } from './chromium';
import { storedJobs } from './extension';
import { EXTENSION_DIR } from './harness';
import { waitFor } from './wait';

// A second, test-only extension: what any other installed extension could try.
const PROBE_MANIFEST = {
  manifest_version: 3,
  name: 'probe',
  version: '1.0',
  background: { service_worker: 'probe.js' },
};
// The probe runs its attempts from its own page: pages do not idle out the way workers do.
const PROBE_PAGE = '<!doctype html><title>probe</title><script src="probe.js"></script>';
const PROBE_SCRIPT = `
self.trySend = async (target, message) => {
  try { return { answer: await chrome.runtime.sendMessage(target, message) }; }
  catch (error) { return { error: String(error && error.message) }; }
};
self.tryConnect = (target, message) => new Promise((resolve) => {
  const port = chrome.runtime.connect(target);
  const replies = [];
  port.onMessage.addListener((m) => replies.push(m));
  port.onDisconnect.addListener(() => resolve({ disconnected: true, replies, error: chrome.runtime.lastError ? chrome.runtime.lastError.message : null }));
  try { port.postMessage(message); } catch (error) { resolve({ disconnected: true, replies, error: String(error) }); }
  setTimeout(() => resolve({ disconnected: false, replies }), 3000);
});
`;

/** What the probe's worker exposes to the test. */
interface Probe {
  trySend(target: string, message: unknown): Promise<unknown>;
  tryConnect(target: string, message: unknown): Promise<unknown>;
}

let sim: Sim;
let context: BrowserContext;
let profile: string;
let probeDir: string;
let probe: Page;
let extensionId: string;
let page: Page;

const rpc = (method: string, params: unknown) => ({ tag: RPC_TAG, request: { method, params } });
const ENQUEUE = rpc('enqueue', { items: [{ text: 'Sent from outside', model: 'sora2-landscape-10s' }] });

beforeAll(async () => {
  sim = await startSim({ renderMs: 1_000 });
  profile = mkdtempSync(join(tmpdir(), 'sora-e2e-messages-'));
  probeDir = mkdtempSync(join(tmpdir(), 'sora-e2e-probe-'));
  writeFileSync(join(probeDir, 'manifest.json'), JSON.stringify(PROBE_MANIFEST));
  writeFileSync(join(probeDir, 'probe.js'), PROBE_SCRIPT);
  writeFileSync(join(probeDir, 'probe.html'), PROBE_PAGE);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: [
      `--disable-extensions-except=${EXTENSION_DIR},${probeDir}`,
      `--load-extension=${EXTENSION_DIR},${probeDir}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      ...sim.chromiumArgs(),
    ],
  });
  const workers = await waitFor(() => {
    const all = context.serviceWorkers();
    const mine = all.find((w) => w.url().endsWith('/background.js'));
    const theirs = all.find((w) => w.url().endsWith('/probe.js'));
    return mine && theirs ? { mine, theirs } : null;
  }, 'both service workers');
  extensionId = new URL(workers.mine.url()).host;
  page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  probe = await context.newPage();
  await probe.goto(`chrome-extension://${new URL(workers.theirs.url()).host}/probe.html`);
});

/** Our worker, woken first: a stopped worker hangs `evaluate`, a message from our page wakes it. */
async function ourWorker(): Promise<Worker> {
  await page.evaluate(() => chrome.runtime.sendMessage({ wake: true }).catch(() => undefined));
  return waitFor(
    () => context.serviceWorkers().find((w) => w.url() === `chrome-extension://${extensionId}/background.js`),
    'our worker',
  );
}

afterAll(async () => {
  await context?.close();
  await sim?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(probeDir, { recursive: true, force: true });
});

test('another extension can neither message nor connect to Sora Companion', async () => {
  const sent = await probe.evaluate(
    ([target, message]) => (self as unknown as Probe).trySend(target, message),
    [extensionId, ENQUEUE] as const,
  );
  expect(sent).toMatchObject({
    error: expect.stringMatching(/could not establish connection|receiving end/i),
  });
  const connected = (await probe.evaluate(
    ([target, message]) => (self as unknown as Probe).tryConnect(target, message),
    [extensionId, ENQUEUE] as const,
  )) as { disconnected: boolean; replies: unknown[] };
  expect(connected.disconnected).toBe(true);
  expect(connected.replies).toEqual([]);
  expect(await storedJobs(page)).toEqual([]);
});

test('a web page has no channel to the extension, and window messages are ignored', async () => {
  const web = await context.newPage();
  await web.goto('https://sora.chatgpt.com/explore');
  const surface = await web.evaluate((message) => {
    const c = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown; connect?: unknown } } }).chrome;
    window.postMessage(message, '*');
    window.top?.postMessage(message, '*');
    return { sendMessage: typeof c?.runtime?.sendMessage, connect: typeof c?.runtime?.connect };
  }, ENQUEUE);
  expect(surface).toEqual({ sendMessage: 'undefined', connect: 'undefined' });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await storedJobs(page)).toEqual([]);
  await web.close();
});

test('fuzzed messages from our own page are all refused, and the worker neither throws nor stops', async () => {
  const ours = await ourWorker();
  await ours.evaluate(() => {
    const w = self as unknown as { __failures: string[] };
    w.__failures = [];
    self.addEventListener('unhandledrejection', (e) => w.__failures.push(`rejection: ${String(e.reason)}`));
    self.addEventListener('error', (e) => w.__failures.push(`error: ${String(e.message)}`));
  });
  const methods = RpcRequestSchema.def.options.map((o) => o.shape.method.def.values[0]!);
  const messages = fc
    .sample(
      fc.oneof(
        fc.jsonValue(),
        fc.record({ tag: fc.constant(RPC_TAG), request: fc.jsonValue() }),
        fc.tuple(fc.constantFrom(...methods), fc.jsonValue()).map(([m, p]) => rpc(m, p)),
      ),
      { numRuns: 300, seed: 8 },
    )
    // Only invalid ones: a valid call would really change the queue.
    .filter((m) => !RpcRequestSchema.safeParse((m as { request?: unknown } | null)?.request).success)
    .map((m) => JSON.stringify(m));
  expect(messages.length).toBeGreaterThan(200);
  const answers = await page.evaluate(
    (all) =>
      Promise.all(
        all.map((m: string) =>
          chrome.runtime.sendMessage(JSON.parse(m)).then(
            (a) => a ?? null,
            (e) => String(e),
          ),
        ),
      ),
    messages,
  );
  for (const answer of answers) {
    if (answer === null) continue; // not an RPC envelope: left for other listeners
    expect(answer).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  }
  const after = await page.evaluate((m) => chrome.runtime.sendMessage(m), rpc('pauseAll', {}));
  expect(after).toEqual({ ok: true, result: { changed: 0 } });
  expect(await ours.evaluate(() => (self as unknown as { __failures: string[] }).__failures)).toEqual([]);
  expect(await storedJobs(page)).toEqual([]);
});
