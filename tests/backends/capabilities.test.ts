import { describe, expect, it } from 'vitest';
import { type RequestShape, refusalFor } from '@/lib/backends/capabilities';
import { taskApiDeclaration } from '@/lib/backends/task-api/capabilities';
import { toGenerateInput } from '@/lib/backends/task-api/request';
import { videosApiDeclaration } from '@/lib/backends/videos-api/capabilities';
import { toCreateVideoInput } from '@/lib/backends/videos-api/request';

const videos = videosApiDeclaration({ baseUrl: 'http://localhost:4000/v1', concurrency: 4 });
const tasks = taskApiDeclaration({ baseUrl: 'https://api.sora2api.ai/api/v1/sora2', concurrency: 2 });
const req = (over: Partial<RequestShape> = {}): RequestShape => ({
  mode: 'text_to_video',
  model: 'sora-2',
  durationS: null,
  aspect: null,
  quality: null,
  images: [],
  ...over,
});

describe('declarations (docs/architecture.md BackendDeclaration) follow the connection', () => {
  it('cap, host permission, media credentials and lost-create strategy', () => {
    expect(videos).toMatchObject({
      concurrency: { cap: 4 },
      hostPermissions: ['http://localhost/*'],
      lostCreate: 'list-and-match',
      media: { hosts: ['localhost'], needsCredentials: true },
    });
    expect(tasks).toMatchObject({
      concurrency: { cap: 2 },
      hostPermissions: ['https://api.sora2api.ai/*'],
      lostCreate: 'none',
      media: { needsCredentials: false },
      retentionMs: 15 * 86_400_000,
    });
  });
});

describe('refusalFor: what a backend cannot do is refused with the reason, before anything is sent', () => {
  it('Videos API: t2v, i2v (file or URL) and remix; no storyboard or characters', () => {
    expect(refusalFor(videos, req({ durationS: 8, aspect: 'landscape' }))).toBeNull();
    expect(refusalFor(videos, req({ mode: 'image_to_video', images: [{ kind: 'file' }] }))).toBeNull();
    expect(refusalFor(videos, req({ mode: 'remix' }))).toBeNull();
    for (const mode of ['storyboard', 'character', 'enhance'] as const)
      expect(refusalFor(videos, req({ mode }))).toMatch(/cannot do this mode/);
    expect(refusalFor(videos, req({ durationS: 10 }))).toMatch(/4, 8, 12 s/);
    expect(refusalFor(videos, req({ quality: 'high' }))).toMatch(/no high quality/); // sora-2: 720p only
    expect(refusalFor(videos, req({ model: 'sora-2-pro', quality: 'high' }))).toBeNull();
    expect(refusalFor(videos, req({ model: 'veo-3.1-fast', aspect: 'square' }))).toMatch(/no square/); // a gateway's own name
    expect(
      refusalFor(videos, req({ mode: 'image_to_video', images: [{ kind: 'url' }, { kind: 'url' }] })),
    ).toMatch(/at most 1/);
  });

  it('task API: a file is refused with the reason, an image by URL passes; no length, no remix', () => {
    expect(refusalFor(tasks, req({ mode: 'image_to_video', images: [{ kind: 'file' }] }))).toMatch(
      /public image links/,
    );
    expect(refusalFor(tasks, req({ mode: 'image_to_video', images: [{ kind: 'url' }] }))).toBeNull();
    expect(refusalFor(tasks, req({ mode: 'remix' }))).toMatch(/cannot do this mode/);
    expect(refusalFor(tasks, req({ durationS: 10 }))).toMatch(/no length setting/);
    expect(refusalFor(tasks, req({ backendParams: { watermark: 'x'.repeat(101) } }))).toMatch(
      /longer than 100/,
    );
    expect(refusalFor(tasks, req({ backendParams: { callBackUrl: 'https://x' } }))).toMatch(
      /no “callBackUrl”/,
    );
  });
});

describe('request mappers', () => {
  it('Videos API: aspect × quality → size, length → seconds, defaults left to the server', () => {
    expect(
      toCreateVideoInput({
        ...req({ durationS: 12, aspect: 'landscape', quality: 'high', model: 'sora-2-pro' }),
        prompt: 'p',
      }),
    ).toEqual({ prompt: 'p', model: 'sora-2-pro', seconds: '12', size: '1792x1024' });
    expect(toCreateVideoInput({ ...req({ aspect: 'portrait' }), prompt: 'p' })).toEqual({
      prompt: 'p',
      model: 'sora-2',
      size: '720x1280',
    });
    expect(
      toCreateVideoInput({ ...req(), prompt: 'p' }, { kind: 'url', url: 'https://i.example/a.png' }),
    ).toEqual({
      prompt: 'p',
      model: 'sora-2',
      inputReference: { kind: 'url', url: 'https://i.example/a.png' },
    });
  });

  it('task API: aspectRatio, hd, imageUrls and watermark; never callBackUrl', () => {
    const out = toGenerateInput(
      {
        ...req({ aspect: 'portrait', quality: 'high', backendParams: { watermark: ' Mine ' } }),
        prompt: 'p',
      },
      ['https://i.example/a.png'],
    );
    expect(out).toEqual({
      prompt: 'p',
      aspectRatio: 'portrait',
      quality: 'hd',
      imageUrls: ['https://i.example/a.png'],
      watermark: 'Mine',
    });
    expect(toGenerateInput({ ...req(), prompt: 'p' })).toEqual({
      prompt: 'p',
      aspectRatio: 'landscape',
      quality: 'standard',
    });
  });
});
