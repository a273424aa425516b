import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createVideosApiClient } from '../lib/backends/videos-api/client';
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

async function finishedVideo(
  authHeader: 'bearer' | 'api-key',
): Promise<{ id: string; client: ReturnType<typeof createVideosApiClient> }> {
  const f = createSimFetch(videos);
  const client = createVideosApiClient({
    fetch: (u, i) => f(u, i),
    now: Date.now,
    log: () => {},
    baseUrl: videos.baseUrl,
    authHeader,
    apiKey: () => KEY,
  });
  const out = await client.create({ prompt: `media probe ${authHeader}`, model: 'sora-2' });
  if (out.kind !== 'created') throw new Error('create failed');
  const id = out.value.video.id;
  await waitFor(
    async () => (await client.retrieve(id)).video.status === 'completed',
    'the video to complete',
    10_000,
  );
  return { id, client };
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
    videos.set({ authHeader: authHeader === 'bearer' ? 'bearer' : 'api-key' });
    const { id, client } = await finishedVideo(authHeader);
    const req = await client.contentRequest(id);
    videos.log.clear();
    const item = await download(req.url, req.headers, `backends-probe/${authHeader}.mp4`);
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
