import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSimFetch, type Sim, startSim } from '../sim';
import { startVideosApiSim, type VideosApiSim } from '../sim/backends';
import { type Browser, launch } from './harness';
import { waitFor } from './wait';

/**
 * The Videos API's `/content` needs the API key (docs/backend-facts.md §11.1). The plan for the
 * integration step is `chrome.downloads.download({url, headers})`: this proves, in real Chromium,
 * that the header reaches the server, the file is byte-identical and the key is in no URL Chrome keeps.
 */
let sora: Sim;
let videos: VideosApiSim;
let browser: Browser;
const KEY = 'sk-sim-videos-1';

/** One set of Chromium flags for both simulators (each flag may appear once). */
function bothSims(): Sim {
  const rules = [sora, videos].map((s) => s.chromiumArgs()[0]?.replace('--host-resolver-rules=', '') ?? '');
  const args = [
    `--host-resolver-rules=${rules.join(', ')}`,
    `--ignore-certificate-errors-spki-list=${sora.spkiHash},${videos.spkiHash}`,
  ];
  return { ...sora, chromiumArgs: () => args };
}

beforeAll(async () => {
  sora = await startSim();
  videos = await startVideosApiSim({ renderMs: 200, mediaBytes: 300_000 });
  browser = await launch({ sim: bothSims() });
});

afterAll(async () => {
  await browser?.dispose();
  await Promise.all([sora?.close(), videos?.close()]);
});

/** A finished video made straight on the simulator (the client itself is unit-tested in tests/backends). */
async function finishedVideo(headers: Record<string, string>): Promise<string> {
  const f = createSimFetch(videos);
  const res = await f(`${videos.baseUrl}/videos`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ prompt: 'media probe', model: 'sora-2' }),
  });
  const { id } = (await res.json()) as { id: string };
  await waitFor(
    async () =>
      ((await (await f(`${videos.baseUrl}/videos/${id}`, { headers })).json()) as { status: string })
        .status === 'completed',
    'the video to complete',
    10_000,
  );
  return id;
}

async function download(url: string, headers: { name: string; value: string }[], filename: string) {
  const worker = await browser.serviceWorker();
  const id = await worker.evaluate(
    (a) => chrome.downloads.download({ url: a.url, filename: a.filename, headers: a.headers }),
    { url, headers, filename },
  );
  const item = await waitFor(
    () =>
      worker.evaluate(
        async (i) =>
          (await chrome.downloads.search({ id: i })).find((d) => d.state !== 'in_progress') ?? null,
        id,
      ),
    'the download to finish',
  );
  return item;
}

test.each(['bearer', 'api-key'] as const)(
  'the %s header reaches /content on a browser download; bytes equal, key in no URL',
  async (authHeader) => {
    videos.set({ authHeader });
    // What lib/backends/videos-api/client.ts contentRequest() hands to chrome.downloads.
    const header =
      authHeader === 'bearer'
        ? { name: 'authorization', value: `Bearer ${KEY}` }
        : { name: 'api-key', value: KEY };
    const id = await finishedVideo({ [header.name]: header.value });
    videos.log.clear();
    const url = `${videos.baseUrl}/videos/${id}/content?variant=video`;
    const item = await download(url, [header], `backends-probe/${authHeader}.mp4`);
    expect(item.state).toBe('complete');
    const bytes = readFileSync(join(browser.downloadDir, 'backends-probe', `${authHeader}.mp4`));
    expect(bytes.equals(videos.videoBytes(id))).toBe(true);
    const hits = videos.log.filter({ path: `/v1/videos/${id}/content` });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      if (authHeader === 'bearer') expect(hit.headers.authorization).toBe(`Bearer ${KEY}`);
      else expect(hit.headers['api-key']).toBe(KEY);
      expect(hit.query).toEqual({ variant: 'video' });
    }
    expect(JSON.stringify([item.url, item.finalUrl, item.filename])).not.toContain(KEY);
  },
);

test('a download cut halfway resumes with the key header still sent (Range request)', async () => {
  videos.set({ authHeader: 'bearer' });
  const header = { name: 'authorization', value: `Bearer ${KEY}` };
  const id = await finishedVideo({ [header.name]: header.value });
  const path = `/v1/videos/${id}/content`;
  videos.faults.inject({ path, action: { kind: 'truncate', afterBytes: 100_000 } });
  videos.log.clear();
  const worker = await browser.serviceWorker();
  const url = `${videos.baseUrl}/videos/${id}/content?variant=video`;
  const dl = await worker.evaluate(
    (a) =>
      chrome.downloads.download({ url: a.url, filename: 'backends-probe/resumed.mp4', headers: a.headers }),
    { url, headers: [header] },
  );
  // Chrome may resume by itself or stop as `interrupted`; either way the next request is a Range with the key.
  const settled = await waitFor(
    () =>
      worker.evaluate(
        async (i) =>
          (await chrome.downloads.search({ id: i })).find((d) => d.state !== 'in_progress') ?? null,
        dl,
      ),
    'the download to settle',
  );
  if (settled.state === 'interrupted') {
    expect(settled.canResume).toBe(true);
    await worker.evaluate((i) => chrome.downloads.resume(i), dl);
  }
  const done = await waitFor(
    () =>
      worker.evaluate(
        async (i) => (await chrome.downloads.search({ id: i })).find((d) => d.state === 'complete') ?? null,
        dl,
      ),
    'the resumed download to finish',
  );
  expect(readFileSync(done.filename).equals(videos.videoBytes(id))).toBe(true);
  const hits = videos.log.filter({ path });
  expect(hits.length).toBeGreaterThanOrEqual(2);
  expect(hits.at(-1)?.headers.range).toMatch(/^bytes=\d+-$/);
  for (const hit of hits) expect(hit.headers.authorization).toBe(`Bearer ${KEY}`);
});
