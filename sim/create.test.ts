import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SignedInClient, signInClient } from './helpers';
import { generationCost } from './routes/create';
import { startSim } from './server';
import { createVideo, getJson, waitFor } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
let c: SignedInClient;
beforeEach(async () => {
  sim = await startSim({ renderMs: 400 });
  c = await signInClient(sim);
});
afterEach(() => sim.close());

interface Balance {
  estimated_num_videos_remaining: number;
  rate_limit_reached: boolean;
  access_resets_in_seconds: number;
}
const remaining = async () =>
  (await getJson<{ rate_limit_and_credit_balance: Balance }>(c, '/backend/nf/check')).body
    .rate_limit_and_credit_balance;

describe('create validation (docs/backend-facts.md §4.1–4.2)', () => {
  it.each([
    ['kind', { kind: 'image' }],
    ['prompt', { prompt: '   ' }],
    ['orientation', { orientation: 'diagonal' }],
    ['size', { size: 'medium' }],
    ['n_frames', { n_frames: 200 }],
    ['model', { model: 'turbo' }],
  ])('400 invalid_request for a bad %s', async (field, over) => {
    const res = await createVideo(c, over);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; param: string } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.param).toBe(field);
    expect(body.error.message).toContain(field);
  });

  it('400 for a non-JSON body, and allows unknown extra fields', async () => {
    const bad = await c.f('https://sora.chatgpt.com/backend/nf/create', {
      method: 'POST',
      headers: await c.writeHeaders(),
      body: 'not json',
    });
    expect(bad.status).toBe(400);
    expect((await createVideo(c, { audio_caption: null, seed: 42, cameo_ids: null })).status).toBe(200);
  });

  it('sy_ore is refused unless the plan is chatgpt_pro', async () => {
    const refused = await createVideo(c, { model: 'sy_ore' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { param: string } }).error.param).toBe('model');
    sim.set({ plan: 'chatgpt_pro' });
    expect((await createVideo(c, { model: 'sy_ore' })).status).toBe(200);
  });

  it('returns a task id, priority and the balance after charging the docs/backend-facts.md §4.2 cost', async () => {
    const before = (await remaining()).estimated_num_videos_remaining;
    const res = await createVideo(c, { n_frames: 450 });
    const body = (await res.json()) as {
      id: string;
      priority: number;
      rate_limit_and_credit_balance: Balance;
    };
    expect(body.id).toMatch(/^task_[0-9a-z]{26}$/);
    expect(body.priority).toBe(1);
    const cost = generationCost('sy_8', 'small', 450)!;
    expect(body.rate_limit_and_credit_balance.estimated_num_videos_remaining).toBe(before - cost);
    expect((await remaining()).estimated_num_videos_remaining).toBe(before - cost);
    expect(sim.tasks().map((t) => t.id)).toContain(body.id);
  });

  it('the cost table follows docs/backend-facts.md §4.2', () => {
    expect([150, 300, 450, 750].map((n) => generationCost('sy_8', 'small', n))).toEqual([1, 1, 2, 3]);
    expect([150, 300, 450, 750].map((n) => generationCost('sy_ore', 'small', n))).toEqual([2, 2, 4, 12]);
    expect([150, 300, 450, 750].map((n) => generationCost('sy_ore', 'large', n))).toEqual([5, 5, 10, null]);
  });

  it('storyboard creates go through the same rules', async () => {
    const res = await c.f('https://sora.chatgpt.com/backend/nf/create/storyboard', {
      method: 'POST',
      headers: await c.writeHeaders(),
      body: JSON.stringify({
        kind: 'video',
        prompt: 'Shot 1:\nduration: 5.0sec\nScene: a cat',
        title: 'Draft your video',
        orientation: 'landscape',
        size: 'small',
        n_frames: 300,
        model: 'sy_8',
        storyboard_id: null,
      }),
    });
    expect(res.status).toBe(200);
  });
});

describe('concurrency cap (docs/backend-facts.md §7.2)', () => {
  it('429 too_many_concurrent_tasks when 3 are in progress, external tasks included; frees up when one finishes', async () => {
    sim.set({ renderMs: 60_000 });
    sim.addExternalTask({ renderMs: 300 });
    expect((await createVideo(c)).status).toBe(200);
    expect((await createVideo(c)).status).toBe(200);
    const res = await createVideo(c);
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'too_many_concurrent_tasks',
        type: 'invalid_request_error',
        param: null,
        details: { num_tasks: 3 },
      },
    });
    expect(sim.tasks()).toHaveLength(3);
    await waitFor(async () => (await createVideo(c)).status === 200);
  });

  it('honours concurrencyCap', async () => {
    sim.set({ renderMs: 60_000, concurrencyCap: 1 });
    expect((await createVideo(c)).status).toBe(200);
    expect((await createVideo(c)).status).toBe(429);
  });
});

describe('daily quota (docs/backend-facts.md §7.1/§7.2)', () => {
  it('429 rate_limit_exhausted with Retry-After once the quota is spent; resetQuota() lifts it', async () => {
    sim.set({ dailyQuota: 2, renderMs: 50 });
    expect((await createVideo(c)).status).toBe(200);
    expect((await createVideo(c)).status).toBe(200);
    const res = await createVideo(c);
    expect(res.status).toBe(429);
    const body = (await res.json()) as {
      error: { type: string; code: string };
      rate_limit_and_credit_balance: Balance;
    };
    expect(body.error).toMatchObject({ type: 'rate_limit_exhausted', code: 'rate_limit_exhausted' });
    expect(body.rate_limit_and_credit_balance).toMatchObject({
      estimated_num_videos_remaining: 0,
      rate_limit_reached: true,
      credit_remaining: 0,
    });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBe(body.rate_limit_and_credit_balance.access_resets_in_seconds);
    expect(retryAfter).toBeGreaterThan(0);
    expect(await remaining()).toMatchObject({ estimated_num_videos_remaining: 0, rate_limit_reached: true });
    sim.faults.resetQuota();
    expect((await remaining()).estimated_num_videos_remaining).toBe(2);
    expect((await createVideo(c)).status).toBe(200);
  });

  it('dailyLimit() forces remaining to 0 until resetQuota()', async () => {
    sim.faults.dailyLimit();
    expect((await createVideo(c)).status).toBe(429);
    sim.faults.resetQuota();
    expect((await createVideo(c)).status).toBe(200);
  });

  it('a create costing more than what is left is refused', async () => {
    sim.set({ dailyQuota: 1 });
    expect((await createVideo(c, { n_frames: 450 })).status).toBe(429);
    expect((await createVideo(c, { n_frames: 300 })).status).toBe(200);
  });

  it('access_resets_in_seconds counts down and the window rolls over', async () => {
    sim.set({ resetsInSeconds: 1, dailyQuota: 1, renderMs: 50 });
    expect((await remaining()).access_resets_in_seconds).toBe(1);
    expect((await createVideo(c)).status).toBe(200);
    expect((await remaining()).estimated_num_videos_remaining).toBe(0);
    await waitFor(async () => (await remaining()).estimated_num_videos_remaining === 1, 2500, 50);
  });
});

describe('plan (docs/backend-facts.md §2.6)', () => {
  it('billing/subscriptions reports settings.plan', async () => {
    for (const plan of ['chatgpt_free', 'chatgpt_plus', 'chatgpt_pro'] as const) {
      sim.set({ plan });
      const { body } = await getJson<{ data: { plan: { id: string; title: string } }[] }>(
        c,
        '/backend/billing/subscriptions',
      );
      expect(body.data[0]?.plan.id).toBe(plan);
    }
  });
});
