import { describe, expect, it } from 'vitest';
import { isSoraError } from '@/lib/sora/errors';
import { createStack, fixture, json, jwt, routeFetch } from './helpers';

const NOW = 1_775_000_000_000;
const session = () =>
  json(200, { ...(fixture('session') as object), accessToken: jwt(NOW + 8 * 86_400_000) });
const base = { 'GET /api/auth/session': session() };
const stack = (routes: Parameters<typeof routeFetch>[0]) => {
  const f = routeFetch({ ...base, ...routes });
  return { ...createStack({ fetch: f.fetch, now: () => NOW }), calls: f.calls };
};
const videoBody = {
  kind: 'video' as const,
  prompt: 'A red fox',
  orientation: 'portrait' as const,
  size: 'small' as const,
  n_frames: 300,
  model: 'sy_8' as const,
  style_id: null,
  remix_target_id: null,
  inpaint_items: [],
  cameo_ids: null,
  storyboard_id: null,
};

describe('client: creates (docs/backend-facts.md §4)', () => {
  it('createVideo sends Bearer, sentinel, device id and the docs/backend-facts.md §4.1 body; returns the task id', async () => {
    const s = stack({ 'POST /backend/nf/create': json(200, fixture('create')) });
    await expect(s.client.createVideo(videoBody)).resolves.toBe('task_01kn28krhqf1ham2nx633k7yt6');
    const create = s.calls.find((c) => c.path === '/backend/nf/create')!;
    expect(create.headers.get('authorization')).toMatch(/^Bearer ey/);
    expect(create.headers.get('oai-device-id')).toBe('did-1');
    expect(JSON.parse(create.headers.get('openai-sentinel-token')!)).toMatchObject({ id: 'did-1', c: 'c1' });
    expect(JSON.parse(String(create.body))).toEqual(videoBody);
  });

  it.each([
    ['a list-shaped response', 'create-list', 'task_01kn28krhqf1ham2nx633k7yt7'],
    ['task_id instead of id', 'create-task-id', 'task_01kn28krhqf1ham2nx633k7yt8'],
  ])('createVideo accepts %s (docs/backend-facts.md §4.13)', async (_n, name, id) => {
    const s = stack({ 'POST /backend/nf/create': json(200, fixture(name)) });
    await expect(s.client.createVideo(videoBody)).resolves.toBe(id);
  });

  it('a create answer without an id fails naming the endpoint', async () => {
    const s = stack({ 'POST /backend/nf/create': json(200, fixture('create-no-id')) });
    const error = await s.client.createVideo(videoBody).catch((e: unknown) => e);
    expect(isSoraError(error) && error.message).toMatch(
      /^create answered in an unexpected shape: has no task id/,
    );
  });

  it('createStoryboard posts to nf/create/storyboard with the storyboard title (docs/backend-facts.md §4.7)', async () => {
    const s = stack({ 'POST /backend/nf/create/storyboard': json(200, fixture('create')) });
    await s.client.createStoryboard(videoBody);
    const body = JSON.parse(String(s.calls.at(-1)!.body));
    expect(body).toMatchObject({ title: 'Draft your video', kind: 'video' });
  });

  it('createImage posts the video_gen body with a sentinel (docs/backend-facts.md §4.5)', async () => {
    const s = stack({ 'POST /backend/video_gen': json(200, { id: 'task_img' }) });
    const body = {
      type: 'image_gen' as const,
      operation: 'simple_compose' as const,
      prompt: 'A fox',
      width: 360,
      height: 360,
      n_variants: 1,
      n_frames: 1 as const,
      inpaint_items: [],
    };
    await expect(s.client.createImage(body)).resolves.toBe('task_img');
    expect(s.calls.at(-1)!.headers.get('openai-sentinel-token')).toBeTruthy();
  });
});

describe('client: polling (docs/backend-facts.md §5)', () => {
  it('pending parses null progress and extra fields', async () => {
    const s = stack({ 'GET /backend/nf/pending/v2': json(200, fixture('pending')) });
    const list = await s.client.pending();
    expect(list.map((t) => t.progress_pct)).toEqual([null, 0.4, 0.2]);
    expect(list[1]!.creation_config).toMatchObject({ orientation: 'landscape', n_frames: 150 });
    expect(s.calls.at(-1)!.headers.get('openai-sentinel-token')).toBeNull(); // reads carry no sentinel (docs/backend-facts.md §3.1)
  });

  it('a non-array pending body is a failed poll, not "nothing pending" (docs/backend-facts.md §5.1)', async () => {
    const s = stack({ 'GET /backend/nf/pending/v2': json(200, fixture('pending-not-array')) });
    const error = await s.client.pending().catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('bad_response');
    expect((error as Error).message).toMatch(/^pending /);
  });

  it('falls back to the legacy pending path after a 404, and stays there (docs/backend-facts.md §1)', async () => {
    const s = stack({ 'GET /backend/nf/pending': json(200, fixture('pending-empty')) });
    await expect(s.client.pending()).resolves.toEqual([]);
    await s.client.pending();
    expect(s.calls.filter((c) => c.path.startsWith('/backend/nf/pending')).map((c) => c.path)).toEqual([
      '/backend/nf/pending/v2',
      '/backend/nf/pending',
      '/backend/nf/pending',
    ]);
  });

  it('drafts pages with the opaque cursor; null on the last page', async () => {
    const s = stack({
      'GET /backend/project_y/profile/drafts/v2': [
        json(200, fixture('drafts-page1')),
        json(200, fixture('drafts-page2')),
      ],
    });
    const first = await s.client.drafts(null);
    expect(first.items).toHaveLength(2);
    const second = await s.client.drafts(first.cursor);
    expect(second.cursor).toBeNull();
    expect(s.calls.at(-1)!.path).toBe(`/backend/project_y/profile/drafts/v2?limit=15&cursor=${first.cursor}`);
  });

  it('draft by id unwraps {draft}; recent image tasks unwrap task_responses', async () => {
    const s = stack({
      'GET /backend/project_y/profile/drafts/v2/gen_01kn2a': json(200, fixture('draft-by-id')),
      'GET /backend/v2/recent_tasks': json(200, fixture('recent-tasks')),
    });
    expect((await s.client.draft('gen_01kn2a')).id).toBe('gen_01kn2a');
    expect((await s.client.recentImageTasks()).map((t) => t.status)).toEqual([
      'succeeded',
      'running',
      'failed',
      'succeeded',
    ]);
  });
});

describe('client: account and composer', () => {
  it('quota, plan, models, styles, enhance', async () => {
    const s = stack({
      'GET /backend/nf/check': json(200, fixture('nf-check')),
      'GET /backend/billing/subscriptions': json(200, fixture('subscriptions')),
      'GET /backend/models': json(200, fixture('models')),
      'GET /backend/project_y/initialize_async': json(200, fixture('initialize-async')),
      'POST /backend/editor/enhance_prompt': json(200, fixture('enhance')),
    });
    expect(await s.client.quota()).toEqual({
      remaining: 27,
      rateLimitReached: false,
      resetsAt: NOW + 46_833_000,
    });
    expect(await s.client.plan()).toBe('chatgpt_pro');
    expect(await s.client.models()).toEqual([
      { id: 'sy_8', label: 'Sora 2' },
      { id: 'sy_ore', label: 'Sora 2 Pro' },
    ]);
    expect(await s.client.styles()).toEqual([
      { id: 'high_def', label: 'High-def' },
      { id: 'kpop', label: 'K-pop' },
    ]);
    expect(await s.client.enhancePrompt({ prompt: 'fox', level: 'medium', durationS: 10 })).toMatch(/fox/);
    const enhance = s.calls.at(-1)!;
    expect(JSON.parse(String(enhance.body))).toEqual({
      prompt: 'fox',
      expansion_level: 'medium',
      duration_s: 10,
    });
    expect(enhance.headers.get('openai-sentinel-token')).toBeNull(); // docs/backend-facts.md §4.11: no sentinel
    expect(s.calls.find((c) => c.path.startsWith('/backend/models'))!.path).toBe('/backend/models?nf2=true');
  });

  it('a plan without subscriptions is null', async () => {
    const s = stack({ 'GET /backend/billing/subscriptions': json(200, { data: [] }) });
    expect(await s.client.plan()).toBeNull();
  });
});

describe('client: uploads and characters (docs/backend-facts.md §4.4, §4.9)', () => {
  const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });

  it('uploadImage sends multipart file + file_name and returns the media id', async () => {
    const s = stack({ 'POST /backend/uploads': json(200, fixture('upload')) });
    expect(await s.client.uploadImage(png, 'image.png')).toBe('media_01kn2x');
    const form = s.calls.at(-1)!.body as FormData;
    expect((form.get('file') as File).name).toBe('image.png');
    expect(form.get('file_name')).toBe('image.png');
  });

  it('uploadFile returns file id and asset pointer; a 200 user_error_message is a refusal', async () => {
    const s = stack({
      'POST /backend/project_y/file/upload': [
        json(200, fixture('file-upload')),
        json(200, fixture('file-upload-refused')),
      ],
    });
    expect(await s.client.uploadFile(png, 'a.png', 'inpaint_safe')).toMatchObject({
      fileId: 'file_abc',
      assetPointer: 'sediment://file_abc',
    });
    expect((s.calls.at(-1)!.body as FormData).get('use_case')).toBe('inpaint_safe');
    const error = await s.client.uploadFile(png, 'a.png').catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('content_policy');
  });

  it('character upload, status and finalize', async () => {
    const s = stack({
      'POST /backend/characters/upload': json(200, fixture('cameo-created')),
      'GET /backend/project_y/cameos/in_progress/cameo_01kn3': json(200, fixture('cameo-processing')),
      'POST /backend/characters/finalize': json(200, fixture('finalize')),
    });
    const video = new Blob([new Uint8Array(8)], { type: 'video/mp4' });
    expect(await s.client.characterUpload(video)).toBe('cameo_01kn3');
    expect((s.calls.at(-1)!.body as FormData).get('timestamps')).toBe('0,3');
    expect((await s.client.cameoStatus('cameo_01kn3')).status_message).toBe('Processing');
    const id = await s.client.characterFinalize({
      cameo_id: 'cameo_01kn3',
      username: 'u123',
      display_name: 'U',
      profile_asset_pointer: 'sediment://file_abc',
      instruction_set: null,
      safety_instruction_set: null,
    });
    expect(id).toBe('ch_01kn4');
  });
});
