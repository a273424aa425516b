import { describe, expect, it } from 'vitest';
import { enqueue } from '@/lib/background/enqueue';
import { createPipelineHarness } from '../helpers/pipeline';

const PNG = `data:image/png;base64,${btoa('\x89PNG fake image bytes')}`;
const MP4 = `data:video/mp4;base64,${btoa('fake video bytes')}`;
const image = { source: 'data' as const, url: PNG, mime: 'image/png', approxBytes: 20 };
const video = { source: 'data' as const, url: MP4, mime: 'video/mp4', approxBytes: 16 };

async function submit(
  h: ReturnType<typeof createPipelineHarness>,
  items: Parameters<typeof enqueue>[1]['items'],
  plan: string | null = null,
) {
  return enqueue(h.db, { items }, { now: h.clock.now, styles: { live: null }, plan });
}

const files = (h: ReturnType<typeof createPipelineHarness>): string[] =>
  h.downloads.items.map((i) => i.filename);

describe('every generation mode through the pipeline', () => {
  it('storyboard: the formatted shots go to the storyboard endpoint', async () => {
    const h = createPipelineHarness();
    await submit(h, [{ text: '[5.0s]A cat skydives [5.0s]The cat lands', model: 'sora2-landscape-10s' }]);
    await h.run(20_000); // 10 s render + the 4 s draft lag + the download
    expect(await h.statuses()).toEqual(['completed']);
    expect(h.calls).toContain('storyboard');
    expect(h.creates[0]!.prompt).toBe(
      'Shot 1:\nduration: 5.0sec\nScene: A cat skydives\n\nShot 2:\nduration: 5.0sec\nScene: The cat lands',
    );
    expect(files(h)[0]).toMatch(/\.mp4$/);
  });

  it('remix: the share link becomes the remix target and leaves the prompt', async () => {
    const h = createPipelineHarness();
    await submit(h, [
      {
        text: 'https://sora.chatgpt.com/p/s_68e3a06dcd888191b150971da152c1f5 convert it into an ink-wash style',
        model: 'sora2-landscape-10s',
      },
    ]);
    await h.run(20_000); // 10 s render + the 4 s draft lag + the download
    expect(h.calls).toContain('remix:s_68e3a06dcd888191b150971da152c1f5');
    expect(h.creates[0]!.prompt).toBe('convert it into an ink-wash style');
    expect(await h.statuses()).toEqual(['completed']);
  });

  it('image-to-video: the image is uploaded first, then referenced in the create; the stored input is dropped', async () => {
    const h = createPipelineHarness();
    await submit(h, [{ text: 'Let this cat dance', model: 'sora2-landscape-10s', images: [image] }]);
    const [job] = await h.db.jobs.toArray();
    expect(job!.request.kind === 'video' && job!.request.images[0]!.url).toMatch(/^sora-input:/);
    expect(await h.db.inputs.count()).toBe(1);
    await h.run(20_000); // 10 s render + the 4 s draft lag + the download
    expect(h.uploads).toEqual(['image.png']);
    expect(h.creates[0]!.images).toEqual([{ kind: 'upload', id: 'media_1' }]);
    expect(await h.statuses()).toEqual(['completed']);
    const { pruneInputs } = await import('@/lib/pipeline/inputs');
    await pruneInputs(h.db);
    expect(await h.db.inputs.count()).toBe(0);
  });

  it('copies of one submission share one upload of their image', async () => {
    const h = createPipelineHarness();
    await submit(h, [{ text: 'Three dances', model: 'sora2-landscape-10s', images: [image], count: 3 }]);
    await h.run(20_000);
    expect(await h.statuses()).toEqual(['completed', 'completed', 'completed']);
    expect(h.uploads).toEqual(['image.png']);
    expect(h.creates.map((c) => c.images)).toEqual(Array(3).fill([{ kind: 'upload', id: 'media_1' }]));
  });

  it('text-to-image and image-to-image: the image endpoint, followed through recent tasks, saved as png', async () => {
    const h = createPipelineHarness();
    await submit(h, [
      { text: 'A cute little kitten', model: 'gpt-image' },
      { text: 'Turn this picture into an oil painting', model: 'gpt-image-portrait', images: [image] },
    ]);
    await h.run(30_000);
    expect(await h.statuses()).toEqual(['completed', 'completed']);
    expect(h.calls.filter((c) => c === 'image')).toHaveLength(2);
    expect(files(h).every((f) => f.endsWith('.png'))).toBe(true);
    expect(h.downloads.items[0]!.url).toMatch(/^https:\/\/videos\.openai\.com\//);
  });

  it('prompt enhancement: a text result, kept in history and saved as .txt', async () => {
    const h = createPipelineHarness();
    await submit(h, [{ text: 'kitten', model: 'prompt-enhance-medium-10s' }]);
    await h.run(3_000);
    expect(await h.statuses()).toEqual(['completed']);
    expect(h.calls).toContain('enhance:medium:10');
    const [result] = await h.db.results.toArray();
    expect(result).toMatchObject({ kind: 'text', text: 'ENHANCED (medium) kitten' });
    expect(files(h)[0]).toMatch(/\.txt$/);
    expect(atob(h.downloads.items[0]!.url.split(',')[1]!)).toBe('ENHANCED (medium) kitten');
  });

  it('characters: a video alone creates and saves a character; with text it is created, then used', async () => {
    const h = createPipelineHarness();
    await submit(h, [{ text: '', model: 'sora2-landscape-10s', characterVideo: video }]);
    await submit(h, [
      {
        text: 'Make the character perform a dance move',
        model: 'sora2-landscape-10s',
        characterVideo: video,
      },
    ]);
    const jobs = await h.db.jobs.orderBy('seq').toArray();
    expect(jobs.map((j) => j.request.kind)).toEqual(['character', 'character', 'video']);
    expect(jobs[2]!.dependsOn).toBe(jobs[1]!.id);
    await h.run(60_000);
    expect(await h.statuses()).toEqual(['completed', 'completed', 'completed']);
    const characters = await h.db.characters.toArray();
    expect(characters).toHaveLength(2);
    expect(characters[0]!.username).toMatch(/^kitty\d{3}$/);
    const used = characters.find((c) => c.jobId === jobs[1]!.id)!;
    expect(h.creates[0]!.prompt).toBe(`@${used.username} Make the character perform a dance move`);
    expect(files(h)).toHaveLength(1); // only the video; a character is not a file
  });

  it('a failed character fails the video that waits for it, in plain words', async () => {
    const h = createPipelineHarness();
    await submit(h, [{ text: 'Dance', model: 'sora2-landscape-10s', characterVideo: video }]);
    const [character] = await h.db.jobs.orderBy('seq').toArray();
    await h.db.jobs.update(character!.id, {
      status: 'failed',
      error: { code: 'generation_failed', message: 'No person found' },
    });
    await h.run(2_000);
    const [, dependent] = await h.db.jobs.orderBy('seq').toArray();
    expect(dependent!.status).toBe('failed');
    expect(dependent!.error!.message).toBe(
      'The character for this video could not be created: No person found',
    );
  });

  it('several results per prompt: count queues that many jobs', async () => {
    const h = createPipelineHarness();
    const result = await submit(h, [{ text: 'Three takes', model: 'sora2-portrait-10s', count: 3 }]);
    expect(result.ids).toHaveLength(3);
    await h.run(20_000);
    expect(await h.statuses()).toEqual(['completed', 'completed', 'completed']);
    expect(new Set(files(h)).size).toBe(3);
  });

  it('Pro models are refused up front when the plan lacks Pro, and at submit when learned later', async () => {
    const h = createPipelineHarness();
    const refused = await submit(
      h,
      [{ text: 'A Pro shot', model: 'sora2pro-landscape-10s' }],
      'chatgpt_plus',
    );
    expect(refused.rejected[0]).toMatchObject({ code: 'plan' });
    expect(refused.rejected[0]!.message).toMatch(/needs a ChatGPT Pro plan; this account has plus/);
    await submit(h, [{ text: 'A Pro shot', model: 'sora2pro-landscape-10s' }], null);
    await h.run(2_000);
    expect(await h.statuses()).toEqual(['failed']);
    expect(h.creates).toHaveLength(0);
    h.state.plan = 'chatgpt_pro';
    const ok = await submit(h, [{ text: 'A Pro shot', model: 'sora2pro-hd-portrait-15s' }], 'chatgpt_pro');
    expect(ok.ids).toHaveLength(1);
    await h.run(20_000); // 10 s render + the 4 s draft lag + the download
    expect(h.creates[0]).toMatchObject({
      model: 'sy_ore',
      size: 'large',
      nFrames: 450,
      orientation: 'portrait',
    });
  });
});
