import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sim, startSim } from '../sim';
import { setSettings } from './extension';
import { type Browser, launch } from './harness';
import { listFiles, waitFor } from './wait';

// Every generation mode through the whole product: the side panel's RPC → queue → the simulator →
// a file on disk (or text), with the recorded request checked against the facts' shapes.

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
const image = { source: 'data', url: `data:image/png;base64,${PNG_1X1}`, mime: 'image/png', approxBytes: 70 };
const video = {
  source: 'data',
  url: `data:video/mp4;base64,${Buffer.from('a small test video').toString('base64')}`,
  mime: 'video/mp4',
  approxBytes: 18,
};

let sim: Sim;
let browser: Browser;
let panel: Page;

type Item = { text: string; model: string; images?: unknown[]; characterVideo?: unknown; count?: number };
type Job = {
  id: string;
  status: string;
  taskId: string | null;
  error: { message: string } | null;
  request: { kind: string };
};

async function rpc<T>(method: string, params: unknown): Promise<T> {
  const answer = (await panel.evaluate(
    ([m, p]) => chrome.runtime.sendMessage({ tag: 'sora-companion/rpc', request: { method: m, params: p } }),
    [method, params] as const,
  )) as { ok: boolean; result: T; error?: { message: string } };
  if (!answer.ok) throw new Error(answer.error?.message);
  return answer.result;
}

async function jobs(ids: readonly string[]): Promise<Job[]> {
  return panel.evaluate(
    (wanted) =>
      new Promise<Job[]>((resolve) => {
        const open = indexedDB.open('sora-companion');
        open.onsuccess = () => {
          const req = open.result.transaction('jobs').objectStore('jobs').getAll();
          req.onsuccess = () => {
            resolve((req.result as Job[]).filter((j) => wanted.includes(j.id)));
            open.result.close();
          };
        };
      }),
    [...ids],
  );
}

/** Queues items, waits until every resulting job has ended, and requires each to have completed. */
async function run(items: Item[]): Promise<Job[]> {
  const { ids, rejected } = await rpc<{ ids: string[]; rejected: { message: string }[] }>('enqueue', {
    items,
  });
  expect(rejected).toEqual([]);
  const ended = await waitFor(
    async () => {
      const found = await jobs(ids);
      const over = ['completed', 'failed', 'canceled'];
      return found.length === ids.length && found.every((j) => over.includes(j.status)) ? found : null;
    },
    `jobs ${ids.join(', ')} finished`,
    60_000,
  );
  // A failed job is a failed mode, whatever else the test checks (its reason is in the message).
  const unfinished = ended.filter((j) => j.status !== 'completed');
  expect(unfinished.map((j) => `${j.status}: ${j.error?.message ?? ''}`)).toEqual([]);
  return ended;
}

const lastBody = (method: string, path: string): Record<string, unknown> =>
  sim.log.filter({ method, path }).at(-1)?.body as Record<string, unknown>;

beforeAll(async () => {
  sim = await startSim({ renderMs: 2_000, imageRenderMs: 1_500, cameoRenderMs: 1_500, plan: 'chatgpt_pro' });
  browser = await launch({ sim });
  await browser.signIn();
  panel = await browser.openPage('sidepanel');
  await setSettings(panel, { pollIntervalSec: 1 });
});

afterAll(async () => {
  await browser?.dispose();
  await sim?.close();
});

describe('generation modes end to end', () => {
  it('text-to-video for several model names, with the documented create body', async () => {
    const done = await run([
      { text: 'A portrait clip', model: 'sora2-portrait-15s' },
      { text: 'A Pro HD clip', model: 'sora2pro-hd-landscape-10s' },
    ]);
    expect(done.map((j) => j.status)).toEqual(['completed', 'completed']);
    const bodies = sim.log.filter({ method: 'POST', path: '/backend/nf/create' }).map((e) => e.body);
    expect(bodies).toContainEqual(
      expect.objectContaining({
        prompt: 'A portrait clip',
        model: 'sy_8',
        orientation: 'portrait',
        size: 'small',
        n_frames: 450,
      }),
    );
    expect(bodies).toContainEqual(
      expect.objectContaining({
        prompt: 'A Pro HD clip',
        model: 'sy_ore',
        orientation: 'landscape',
        size: 'large',
        n_frames: 300,
      }),
    );
  });

  it('image-to-video: uploaded first, then referenced in the create', async () => {
    const [job] = await run([{ text: 'Let this cat dance', model: 'sora2-landscape-10s', images: [image] }]);
    expect(job!.status).toBe('completed');
    const upload = sim.log.filter({ method: 'POST', path: '/backend/uploads' }).at(-1)!;
    expect(upload.status).toBe(200);
    const body = lastBody('POST', '/backend/nf/create');
    expect(body).toMatchObject({
      prompt: 'Let this cat dance',
      inpaint_items: [{ kind: 'upload', upload_id: expect.stringMatching(/^media_/) }],
    });
  });

  it('text-to-image and image-to-image: the image endpoint, saved as an image file', async () => {
    const done = await run([
      { text: 'A cute little kitten', model: 'gpt-image-landscape' },
      { text: 'Turn this picture into an oil painting', model: 'gpt-image', images: [image] },
    ]);
    expect(done.map((j) => j.status)).toEqual(['completed', 'completed']);
    const bodies = sim.log.filter({ method: 'POST', path: '/backend/video_gen' }).map((e) => e.body);
    expect(bodies).toContainEqual(
      expect.objectContaining({ type: 'image_gen', operation: 'simple_compose', width: 540, height: 360 }),
    );
    expect(bodies).toContainEqual(
      expect.objectContaining({
        type: 'image_gen',
        operation: 'remix',
        inpaint_items: [expect.objectContaining({ upload_media_id: expect.any(String) })],
      }),
    );
    expect(listFiles(browser.downloadDir).filter((f) => f.endsWith('.png'))).toHaveLength(2);
  });

  it('styles: {style} in the prompt sets style_id', async () => {
    await run([{ text: '{anime}A kitten running across a meadow', model: 'sora2-landscape-10s' }]);
    expect(lastBody('POST', '/backend/nf/create')).toMatchObject({
      prompt: 'A kitten running across a meadow',
      style_id: 'anime',
    });
  });

  it('remix: a share link in the prompt becomes remix_target_id', async () => {
    await run([
      {
        text: 'https://sora.chatgpt.com/p/s_68e3a06dcd888191b150971da152c1f5 convert it into an ink-wash style',
        model: 'sora2-landscape-10s',
      },
    ]);
    expect(lastBody('POST', '/backend/nf/create')).toMatchObject({
      prompt: 'convert it into an ink-wash style',
      remix_target_id: 's_68e3a06dcd888191b150971da152c1f5',
    });
  });

  it('storyboard: [Ns] shots through the storyboard endpoint, on the duration that fits', async () => {
    const [job] = await run([
      {
        text: '[5.0s]A cat skydives from a plane [5.0s]The cat lands [10.0s]The cat runs through a field',
        model: 'sora2-landscape-10s',
      },
    ]);
    expect(job!.status).toBe('completed');
    const body = lastBody('POST', '/backend/nf/create/storyboard');
    expect(body).toMatchObject({ n_frames: 750 });
    expect(body.prompt).toBe(
      'Shot 1:\nduration: 5.0sec\nScene: A cat skydives from a plane\n\nShot 2:\nduration: 5.0sec\nScene: The cat lands\n\nShot 3:\nduration: 10.0sec\nScene: The cat runs through a field',
    );
  });

  it('characters: a video alone creates one; a video plus text creates it, then generates with it', async () => {
    const done = await run([
      { text: '', model: 'sora2-landscape-10s', characterVideo: video },
      {
        text: 'Make the character perform a dance move',
        model: 'sora2-landscape-10s',
        characterVideo: video,
      },
    ]);
    expect(done.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    expect(sim.log.count('POST', '/backend/characters/upload')).toBe(2);
    expect(sim.log.count('POST', '/backend/characters/finalize')).toBe(2);
    const finalize = lastBody('POST', '/backend/characters/finalize');
    const prompt = lastBody('POST', '/backend/nf/create').prompt as string;
    expect(prompt).toBe(`@${finalize.username as string} Make the character perform a dance move`);
  });

  it('prompt enhancement: the text result is saved as .txt', async () => {
    const [job] = await run([{ text: 'kitten', model: 'prompt-enhance-long-15s' }]);
    expect(job!.status).toBe('completed');
    expect(lastBody('POST', '/backend/editor/enhance_prompt')).toMatchObject({
      prompt: 'kitten',
      expansion_level: 'long',
      duration_s: 15,
    });
    const txt = await waitFor(
      () => listFiles(browser.downloadDir).find((f) => f.endsWith('.txt')),
      'the .txt file',
    );
    expect(readFileSync(join(browser.downloadDir, txt), 'utf8')).toContain('kitten');
  });

  it('several results per prompt: count queues that many jobs and files', async () => {
    const before = listFiles(browser.downloadDir).length;
    const done = await run([{ text: 'Three takes of a sunrise', model: 'sora2-portrait-10s', count: 3 }]);
    expect(done).toHaveLength(3);
    await waitFor(() => listFiles(browser.downloadDir).length === before + 3, 'three more files');
  });
});

describe('plan rules', () => {
  it('Pro models are refused up front when the account has no Pro plan', async () => {
    const plusSim = await startSim({ plan: 'chatgpt_plus' });
    const plus = await launch({ sim: plusSim });
    try {
      await plus.signIn();
      const page = await plus.openPage('sidepanel'); // opening the panel checks the session and learns the plan
      await waitFor(async () => {
        const stored = (await page.evaluate(() => chrome.storage.local.get('account'))) as {
          account?: { plan?: string };
        };
        return stored.account?.plan === 'chatgpt_plus';
      }, 'the plan');
      const answer = (await page.evaluate(() =>
        chrome.runtime.sendMessage({
          tag: 'sora-companion/rpc',
          request: {
            method: 'enqueue',
            params: { items: [{ text: 'Pro please', model: 'sora2pro-landscape-10s' }] },
          },
        }),
      )) as { ok: boolean; result: { ids: string[]; rejected: { message: string }[] } };
      expect(answer.result.ids).toEqual([]);
      expect(answer.result.rejected[0]!.message).toMatch(/needs a ChatGPT Pro plan; this account has plus/);
      expect(plusSim.log.count('POST', '/backend/nf/create')).toBe(0);
    } finally {
      await plus.dispose();
      await plusSim.close();
    }
  });
});
