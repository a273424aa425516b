import { describe, expect, it } from 'vitest';
import type { GenerationSpec } from '@/lib/sora/backend';
import { isSoraError } from '@/lib/sora/errors';
import { matchesCreate } from '@/lib/sora/reconcile';
import { createStack, fixture, json, jwt, routeFetch } from './helpers';

const NOW = 1_775_000_000_000;
const sessionOk = () =>
  json(200, { ...(fixture('session') as object), accessToken: jwt(NOW + 8 * 86_400_000) });
const stack = (routes: Parameters<typeof routeFetch>[0]) => {
  const f = routeFetch({ 'GET /api/auth/session': sessionOk(), ...routes });
  return { ...createStack({ fetch: f.fetch, now: () => NOW }), calls: f.calls };
};
const spec: GenerationSpec = {
  prompt: 'A red fox',
  model: 'sy_8',
  orientation: 'portrait',
  size: 'small',
  nFrames: 300,
  styleId: null,
  remixTargetId: null,
};

describe('backend.poll (docs/backend-facts.md §5.1–§5.3)', () => {
  it('one pending request: null progress stays null, fractions become percent, failures fail', async () => {
    const s = stack({ 'GET /backend/nf/pending/v2': json(200, fixture('pending')) });
    const ids = [
      'task_01kn28krhqf1ham2nx633k7yt6',
      'task_01kn28krhqf1ham2nx633k7yt9',
      'task_01kn28krhqf1ham2nx633k7yta',
    ];
    const result = await s.backend.poll(ids);
    expect([...result.tasks.values()]).toEqual([
      { state: 'running', progress: null },
      { state: 'running', progress: 40 },
      { state: 'failed', code: 'generation_failed', reason: 'Generation failed' },
    ]);
    expect(result.activeCount).toBe(2);
    expect(s.calls.filter((c) => c.path.includes('drafts'))).toHaveLength(0);
  });

  it('tasks that left pending are found in drafts, paging with the cursor; kinds decide the outcome', async () => {
    const s = stack({
      'GET /backend/nf/pending/v2': json(200, fixture('pending-empty')),
      'GET /backend/project_y/profile/drafts/v2': [
        json(200, fixture('drafts-page1')),
        json(200, fixture('drafts-page2')),
      ],
    });
    const ids = [
      'task_01kn28krhqf1ham2nx633k7yt1',
      'task_01kn28krhqf1ham2nx633k7yt2',
      'task_01kn28krhqf1ham2nx633k7yt3',
      'task_01kn28krhqf1ham2nx633k7yt4',
    ];
    const result = await s.backend.poll(ids);
    expect(result.tasks.get(ids[0]!)).toEqual({ state: 'done', generationId: 'gen_01kn2a' });
    expect(result.tasks.get(ids[1]!)).toMatchObject({ state: 'failed', code: 'content_policy' });
    expect(result.tasks.get(ids[2]!)).toEqual({
      state: 'failed',
      code: 'generation_failed',
      reason: 'Upstream generation failed',
    });
    expect(result.tasks.get(ids[3]!)).toEqual({ state: 'running', progress: 100 }); // URL not ready yet (ZHU)
    expect(result.activeCount).toBe(0);
  });

  it('lagging drafts: a task in neither list is "missing", to be looked up again next poll', async () => {
    const s = stack({
      'GET /backend/nf/pending/v2': json(200, []),
      'GET /backend/project_y/profile/drafts/v2': json(200, fixture('drafts-page2')),
    });
    const result = await s.backend.poll(['task_gone']);
    expect(result.tasks.get('task_gone')).toEqual({ state: 'missing' });
  });

  it('a non-array pending body fails the poll instead of reporting nothing pending', async () => {
    const s = stack({ 'GET /backend/nf/pending/v2': json(200, fixture('pending-not-array')) });
    const error = await s.backend.poll(['task_x']).catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('bad_response');
  });

  it('recent carries prompt, parameters and time for a precise reconcile (docs/backend-facts.md §13)', async () => {
    const s = stack({
      'GET /backend/nf/pending/v2': json(200, fixture('pending')),
      'GET /backend/project_y/profile/drafts/v2': json(200, fixture('drafts-page2')),
    });
    const { recent } = await s.backend.poll(['task_unknown']);
    expect(recent[0]).toEqual({
      taskId: 'task_01kn28krhqf1ham2nx633k7yt6',
      prompt: 'A red fox',
      createdAt: null,
      orientation: 'portrait',
      nFrames: 300,
      model: null,
      styleId: 'high_def',
      source: 'pending',
    });
    expect(recent.find((t) => t.source === 'drafts')?.createdAt).toBe(1_774_967_800_000);
  });
});

describe('matchesCreate', () => {
  const task = {
    taskId: 't',
    prompt: 'A red fox',
    createdAt: NOW,
    orientation: 'portrait',
    nFrames: 300,
    model: null,
  };
  it.each([
    ['an exact match', task, true],
    ['unknown parameters', { taskId: 't', prompt: 'A red fox', createdAt: null }, true],
    ['another prompt', { ...task, prompt: 'A cat' }, false],
    ['another orientation', { ...task, orientation: 'landscape' }, false],
    ['another duration', { ...task, nFrames: 450 }, false],
    ['another model', { ...task, model: 'sy_ore' }, false],
    ['created long before the intent', { ...task, createdAt: NOW - 5 * 60_000 }, false],
  ])('%s → %s', (_n, t, want) => {
    expect(matchesCreate(t, spec, NOW)).toBe(want);
  });
  it('compares the style only when one was asked for (a task without one may echo a default)', () => {
    expect(matchesCreate({ ...task, styleId: 'high_def' }, { ...spec, styleId: null }, NOW)).toBe(true);
    expect(matchesCreate({ ...task, styleId: 'anime' }, { ...spec, styleId: 'anime' }, NOW)).toBe(true);
    expect(matchesCreate({ ...task, styleId: 'high_def' }, { ...spec, styleId: 'anime' }, NOW)).toBe(false);
  });
});

describe('backend.create and modes', () => {
  it('created → task id; the body is the docs/backend-facts.md §4.1 subset with inpaint items from uploads', async () => {
    const s = stack({ 'POST /backend/nf/create': json(200, fixture('create')) });
    const out = await s.backend.create({
      ...spec,
      images: [
        { kind: 'upload', id: 'media_1' },
        { kind: 'file', id: 'file_1', assetPointer: null },
      ],
    });
    expect(out).toEqual({ kind: 'created', taskId: 'task_01kn28krhqf1ham2nx633k7yt6' });
    expect(JSON.parse(String(s.calls.at(-1)!.body)).inpaint_items).toEqual([
      { kind: 'upload', upload_id: 'media_1' },
      { kind: 'file', file_id: 'file_1' },
    ]);
  });

  it('a 2xx answer we cannot read is uncertain, never an error that invites a resend', async () => {
    const s = stack({ 'POST /backend/nf/create': json(200, fixture('create-no-id')) });
    expect((await s.backend.create(spec)).kind).toBe('uncertain');
  });

  it('a network failure is uncertain; a refusal is an error', async () => {
    const s = stack({
      'POST /backend/nf/create': [
        () => Promise.reject(new TypeError('fetch failed')),
        json(429, fixture('error-concurrent')),
      ],
    });
    expect(await s.backend.create(spec)).toMatchObject({ kind: 'uncertain' });
    const error = await s.backend.create(spec).catch((e: unknown) => e);
    expect(isSoraError(error) && error.code).toBe('rate_limit_concurrent');
  });

  it('remix sends the target and empty cameo fields (docs/backend-facts.md §4.6)', async () => {
    const s = stack({ 'POST /backend/nf/create': json(200, fixture('create')) });
    await s.backend.remix({ ...spec, remixTargetId: `s_${'a'.repeat(32)}` });
    expect(JSON.parse(String(s.calls.at(-1)!.body))).toMatchObject({
      remix_target_id: `s_${'a'.repeat(32)}`,
      cameo_ids: [],
      cameo_replacements: {},
    });
  });

  it('images: i2i uses operation remix with upload_media_id; pollImages needs succeeded + a url', async () => {
    const s = stack({
      'POST /backend/video_gen': json(200, { id: 'task_img1' }),
      'GET /backend/v2/recent_tasks': json(200, fixture('recent-tasks')),
    });
    await s.backend.createImage({
      prompt: 'A fox',
      width: 360,
      height: 540,
      images: [{ kind: 'upload', id: 'media_1' }],
    });
    expect(JSON.parse(String(s.calls.at(-1)!.body))).toMatchObject({
      operation: 'remix',
      inpaint_items: [{ type: 'image', frame_index: 0, upload_media_id: 'media_1' }],
    });
    const { tasks } = await s.backend.pollImages([
      'task_img1',
      'task_img2',
      'task_img3',
      'task_img4',
      'task_img9',
    ]);
    expect(tasks.get('task_img1')).toMatchObject({ state: 'done', generationId: 'gen_img1' });
    expect(tasks.get('task_img2')).toEqual({ state: 'running', progress: null });
    expect(tasks.get('task_img3')).toEqual({ state: 'failed', reason: 'Image generation failed' });
    expect(tasks.get('task_img4')).toEqual({ state: 'running', progress: 100 });
    expect(tasks.get('task_img9')).toEqual({ state: 'missing' });
  });

  it('character status: processing, ready, failed', async () => {
    const s = stack({
      'GET /backend/project_y/cameos/in_progress/c1': [
        json(200, fixture('cameo-processing')),
        json(200, fixture('cameo-ready')),
        json(200, fixture('cameo-failed')),
      ],
    });
    expect(await s.backend.characterStatus('c1')).toEqual({ state: 'processing', message: 'Processing' });
    expect(await s.backend.characterStatus('c1')).toMatchObject({
      state: 'ready',
      usernameHint: 'blackwill.meowliusma68',
    });
    expect(await s.backend.characterStatus('c1')).toEqual({ state: 'failed', reason: 'No person found' });
  });

  it('resolveMedia prefers downloadable_url and reads the SAS expiry (docs/backend-facts.md §6.1, §6.3)', async () => {
    const s = stack({
      'GET /backend/project_y/profile/drafts/v2/gen_01kn2a': json(200, fixture('draft-by-id')),
    });
    const link = await s.backend.resolveMedia('gen_01kn2a');
    expect(link.url).toContain('u1%2Fraw');
    expect(link.expiresAt).toBe(Date.parse('2026-04-03T10:00:00Z'));
  });

  it('session() is signed-in with the plan, or signed-out for an empty session', async () => {
    const s = stack({ 'GET /backend/billing/subscriptions': json(200, fixture('subscriptions')) });
    expect(await s.backend.session()).toEqual({
      state: 'signed-in',
      email: 'ada@example.com',
      plan: 'chatgpt_pro',
    });
    const out = stack({ 'GET /api/auth/session': json(200, fixture('session-empty')) });
    expect(await out.backend.session()).toEqual({ state: 'signed-out' });
  });
});
