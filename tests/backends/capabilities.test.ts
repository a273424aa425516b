import { describe, expect, it } from 'vitest';
import { refusalFor } from '@/lib/backends/capabilities';
import { TASK_API_DECLARATION } from '@/lib/backends/task-api/capabilities';
import { VIDEOS_API_DECLARATION } from '@/lib/backends/videos-api/capabilities';

describe('capability declarations refuse what a backend cannot do, with the reason', () => {
  it('Videos API: t2v, i2v (file or URL) and remix; no storyboard, characters or styles', () => {
    expect(
      refusalFor(VIDEOS_API_DECLARATION, {
        mode: 'text-to-video',
        params: { size: '1280x720', seconds: '8' },
      }),
    ).toBeNull();
    expect(
      refusalFor(VIDEOS_API_DECLARATION, { mode: 'image-to-video', images: [{ kind: 'file' }] }),
    ).toBeNull();
    expect(refusalFor(VIDEOS_API_DECLARATION, { mode: 'remix' })).toBeNull();
    for (const mode of ['storyboard', 'character', 'style'] as const)
      expect(refusalFor(VIDEOS_API_DECLARATION, { mode })).toMatch(/cannot do this mode/);
    expect(refusalFor(VIDEOS_API_DECLARATION, { mode: 'text-to-video', params: { seconds: '10' } })).toMatch(
      /4, 8, 12/,
    );
    expect(refusalFor(VIDEOS_API_DECLARATION, { mode: 'text-to-video', params: { quality: 'hd' } })).toMatch(
      /no “quality”/,
    );
  });

  it('task API: a file is refused with the reason; an image by URL is passed', () => {
    expect(refusalFor(TASK_API_DECLARATION, { mode: 'image-to-video', images: [{ kind: 'file' }] })).toMatch(
      /public image links/,
    );
    expect(
      refusalFor(TASK_API_DECLARATION, { mode: 'image-to-video', images: [{ kind: 'url' }] }),
    ).toBeNull();
    expect(refusalFor(TASK_API_DECLARATION, { mode: 'remix' })).toMatch(/cannot do this mode/);
    expect(
      refusalFor(TASK_API_DECLARATION, { mode: 'text-to-video', params: { aspectRatio: 'square' } }),
    ).toMatch(/landscape, portrait/);
    expect(
      refusalFor(TASK_API_DECLARATION, { mode: 'text-to-video', params: { watermark: 'x'.repeat(101) } }),
    ).toMatch(/longer than 100/);
  });

  it('declares the lost-create strategy and the media credentials', () => {
    expect(VIDEOS_API_DECLARATION.lostCreate.strategy).toBe('list-match');
    expect(TASK_API_DECLARATION.lostCreate.strategy).toBe('none');
    expect(VIDEOS_API_DECLARATION.media.credentials).toBe('api-key-header');
    expect(TASK_API_DECLARATION.media).toMatchObject({ credentials: 'none', retentionMs: 15 * 86_400_000 });
  });
});
