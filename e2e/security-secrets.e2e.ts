import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Sim, startSim } from '../sim';
import {
  copiedDiagnostics,
  dumpIndexedDb,
  enqueue,
  recordConsoles,
  rpc,
  setSettings,
  storedJobs,
} from './extension';
import { type Browser, launch } from './harness';
import { listFiles, waitFor } from './wait';

let sim: Sim;
let browser: Browser;
/** Every console line of every context (worker, extension pages, Sora tabs), from launch on. */
const consoleLines: string[] = [];

beforeAll(async () => {
  sim = await startSim({ renderMs: 2_500, mediaBytes: 50_000 });
  browser = await launch({ sim });
  const { context } = browser;
  recordConsoles(context, consoleLines);
  // In Sora pages: record every window message, so a token sent to the page would be seen.
  await context.addInitScript(() => {
    if (!location.hostname.endsWith('chatgpt.com')) return;
    const seen: string[] = [];
    (window as unknown as { __messages: string[] }).__messages = seen;
    addEventListener('message', (event) => {
      seen.push(typeof event.data === 'string' ? event.data : JSON.stringify(event.data));
    });
  });
  await browser.signIn();
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

/** The real secret values of this run, taken from the simulator's side of every exchange. */
function secretsOfTheRun(cookies: { name: string; value: string }[]) {
  const entries = sim.log.entries();
  const tokens = new Set<string>();
  const sentinels = new Set<string>();
  const sigs = new Set<string>();
  for (const entry of entries) {
    const auth = entry.headers.authorization;
    if (auth?.startsWith('Bearer ')) tokens.add(auth.slice(7));
    const sentinel = entry.headers['openai-sentinel-token'];
    if (sentinel) {
      sentinels.add(sentinel);
      const parsed = JSON.parse(sentinel) as Record<string, unknown>;
      for (const key of ['p', 't', 'c'])
        if (String(parsed[key] ?? '').length >= 8) sentinels.add(String(parsed[key]));
    }
    if (entry.host === 'videos.openai.com' && entry.query.sig) sigs.add(entry.query.sig);
  }
  const current = sim.currentAccessToken();
  if (current) tokens.add(current);
  const session = cookies.filter((c) => /session-token/.test(c.name)).map((c) => c.value);
  return { tokens: [...tokens], sentinels: [...sentinels], sigs: [...sigs], cookies: session };
}

test('after a full batch, no token, cookie, sentinel token or link signature is anywhere it should not be', async () => {
  const panel = await browser.openPage('sidepanel');
  await setSettings(panel, { pollIntervalSec: 1, sidecar: true });
  await enqueue(panel, [
    { text: 'Secret keeping one', model: 'sora2-landscape-10s' },
    { text: 'Secret keeping two', model: 'sora2-portrait-10s' },
    { text: 'Secret keeping three', model: 'sora2-landscape-10s' },
  ]);
  // A failed poll makes the worker log (its console is searched too), and a revoked token forces a refresh.
  await waitFor(() => sim.log.count('POST', '/backend/nf/create') >= 1, 'a create');
  sim.faults.serverErrors('/backend/nf/pending/v2', 1);
  sim.faults.tokenInvalidated(1);
  await waitFor(
    async () => {
      const jobs = await storedJobs(panel);
      return jobs.length === 3 && jobs.every((j) => j.status === 'completed');
    },
    'the batch to complete',
    60_000,
  );
  const worker = await browser.serviceWorker();
  await worker.evaluate(() => console.log('[capture-check] worker console is captured'));
  await panel.evaluate(() => console.log('[capture-check] page console is captured'));

  const secrets = secretsOfTheRun(await browser.context.cookies());
  // The canaries are real: each kind was seen on the wire, and the token is where it belongs.
  expect(secrets.tokens.length).toBeGreaterThanOrEqual(2);
  expect(secrets.sentinels.length).toBeGreaterThan(0);
  expect(secrets.sigs.length).toBeGreaterThanOrEqual(3);
  expect(secrets.cookies.length).toBeGreaterThan(0);
  const session = JSON.stringify(await panel.evaluate(() => chrome.storage.session.get(null)));
  expect(secrets.tokens.some((t) => session.includes(t))).toBe(true);
  await waitFor(
    () => consoleLines.some((l) => l.includes('[worker]') && l.includes('[capture-check]')),
    'worker console',
  );
  expect(consoleLines.some((l) => l.includes('[page]') && l.includes('[capture-check]'))).toBe(true);
  expect(consoleLines.some((l) => l.includes('[worker]') && /tick failed/.test(l))).toBe(true);

  const exported = (await rpc(panel, 'exportData')) as { ok: boolean; result: { json: string } };
  expect(exported.ok).toBe(true);
  const soraPages = browser.context.pages().filter((p) => p.url().startsWith('https://sora.chatgpt.com/'));
  expect(soraPages.length).toBeGreaterThan(0); // the extension's own background tab for the sentinel
  const soraTabs = await Promise.all(
    soraPages.map((p) =>
      p.evaluate(() => ({
        dom: document.documentElement.outerHTML,
        messages: (window as unknown as { __messages?: string[] }).__messages ?? [],
        storage: typeof (globalThis as { chrome?: { storage?: unknown } }).chrome?.storage,
      })),
    ),
  );
  const sidecars = listFiles(browser.downloadDir).filter((f) => f.endsWith('.json'));
  expect(sidecars).toHaveLength(3);

  const places: Record<string, string> = {
    indexedDb: await dumpIndexedDb(panel),
    'storage.local': JSON.stringify(await panel.evaluate(() => chrome.storage.local.get(null))),
    'storage.sync': JSON.stringify(await panel.evaluate(() => chrome.storage.sync.get(null))),
    exportData: exported.result.json,
    diagnostics: await copiedDiagnostics(panel),
    accountInfo: JSON.stringify(await rpc(panel, 'accountInfo')),
    checkSession: JSON.stringify(await rpc(panel, 'checkSession')),
    sidecars: sidecars.map((f) => readFileSync(join(browser.downloadDir, f), 'utf8')).join('\n'),
    fileNames: listFiles(browser.downloadDir).join('\n'),
    console: consoleLines.join('\n'),
    'sora page DOM': soraTabs.map((t) => t.dom).join('\n'),
    'messages to the sora page': soraTabs.flatMap((t) => t.messages).join('\n'),
  };
  expect(places.indexedDb).toContain('Secret keeping one'); // the dump really holds the jobs
  expect(places.diagnostics).toContain('pending'); // and the diagnostics the request log
  expect(soraTabs.every((t) => t.storage === 'undefined')).toBe(true);

  const leaks: string[] = [];
  for (const [place, text] of Object.entries(places)) {
    // As sent and as it appears inside a URL (signatures are base64: + / = get percent-encoded).
    for (const [kind, values] of Object.entries(secrets))
      for (const value of values)
        if (text.includes(value) || text.includes(encodeURIComponent(value)))
          leaks.push(`${kind} in ${place}`);
    if (/Bearer\s/.test(text)) leaks.push(`"Bearer " in ${place}`);
    if (/eyJ[\w-]{8,}/.test(text)) leaks.push(`a JWT (eyJ…) in ${place}`);
  }
  expect(leaks).toEqual([]);
});
