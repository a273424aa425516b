import { describe, expect, it } from 'vitest';
import { createSoraLibrarySource } from '@/lib/library/sora-source';
import { createStack, json, routeFetch } from '../sora/helpers';

const SIGNED = 'https://videos.openai.com/az/files/abc%2Fraw?se=2030-01-01T00%3A00%3A00Z&sig=x';
const session = json(200, { accessToken: 'tok', expires: '2099-01-01T00:00:00Z' });

function sourceWith(routes: Parameters<typeof routeFetch>[0]) {
  const { fetch, calls } = routeFetch({ 'GET /api/auth/session': session, ...routes });
  return { source: createSoraLibrarySource(createStack({ fetch }).client), calls };
}

describe('the Sora library source', () => {
  it('reads drafts page by page with the cursor, and a refused draft is listed with its reason and no file', async () => {
    const { source, calls } = sourceWith({
      'GET /backend/project_y/profile/drafts/v2': [
        json(200, {
          items: [
            {
              id: 'gen_a',
              prompt: 'one',
              created_at: 1_800_000_000,
              downloadable_url: SIGNED,
              duration_s: 10,
            },
          ],
          cursor: 'c1',
        }),
        json(200, {
          items: [
            { id: 'gen_b', kind: 'sora_content_violation', reason_str: 'Refused by policy', created_at: 1 },
          ],
          cursor: null,
        }),
      ],
    });
    const first = await source.page('drafts', null);
    expect(first.cursor).toBe('c1');
    expect(first.items[0]).toMatchObject({
      id: 'gen_a',
      kind: 'draft',
      createdAt: 1_800_000_000_000,
      noFileReason: null,
    });
    const second = await source.page('drafts', 'c1');
    expect(second.cursor).toBeNull();
    expect(second.items[0]?.noFileReason).toBe('Refused by policy');
    expect(
      calls
        .filter((c) => c.path.includes('drafts'))
        .map((c) => new URL(c.path, 'https://x').searchParams.get('cursor')),
    ).toEqual([null, 'c1']);
  });

  it('keeps only plain parameters: a style image link in creation_config never reaches the row', async () => {
    const { source } = sourceWith({
      'GET /backend/project_y/profile/drafts/v2': json(200, {
        items: [
          {
            id: 'gen_a',
            downloadable_url: SIGNED,
            creation_config: {
              orientation: 'portrait',
              n_frames: 300,
              style: { id: 'anime', image_url: 'https://cdn.openai.com/s.jpg' },
            },
          },
        ],
        cursor: null,
      }),
    });
    const [item] = (await source.page('drafts', null)).items;
    expect(item?.parameters).toEqual({
      orientation: 'portrait',
      nFrames: 300,
      style: 'anime',
      storyboardId: null,
      taskId: null,
    });
    expect(JSON.stringify(item?.parameters)).not.toContain('https');
  });

  it('a post without an attachment has no file; a post file is resolved afresh from post/{id}', async () => {
    const { source } = sourceWith({
      'GET /backend/project_y/profile_feed/me': json(200, {
        items: [{ post: { id: 's_1', text: 'hi', posted_at: 2, attachments: [] } }],
        cursor: null,
      }),
      'GET /backend/project_y/post/s_2': json(200, {
        post: {
          id: 's_2',
          attachments: [{ generation_id: 'gen_x', encodings: { source: { path: SIGNED } } }],
        },
      }),
    });
    const [post] = (await source.page('posts', null)).items;
    expect(post).toMatchObject({ id: 's_1', kind: 'post', prompt: 'hi', noFileReason: expect.any(String) });
    expect(await source.file({ id: 's_2', kind: 'post' })).toEqual({ url: SIGNED, extension: 'mp4' });
  });

  it('refuses a file on a host outside the media allowlist, and reports a deleted draft as a 404', async () => {
    const { source } = sourceWith({
      'GET /backend/project_y/profile/drafts/v2/gen_evil': json(200, {
        draft: { id: 'gen_evil', downloadable_url: 'https://evil.example/x.mp4' },
      }),
    });
    await expect(source.file({ id: 'gen_evil', kind: 'draft' })).rejects.toMatchObject({
      code: 'bad_response',
    });
    await expect(source.file({ id: 'gen_gone', kind: 'draft' })).rejects.toMatchObject({ status: 404 });
  });
});
