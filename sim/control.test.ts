import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimFetch, type SimFetch } from './client';
import { signInClient } from './helpers';
import { startSim } from './server';
import { getJson } from './test-utils';
import type { LogEntry, Sim, SimTask } from './types';

let sim: Sim;
let f: SimFetch;
beforeEach(async () => {
  sim = await startSim({ renderMs: 60_000 });
  f = createSimFetch(sim);
});
afterEach(() => sim.close());

const ctl = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  f(`https://sora.chatgpt.com/__sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('control API over HTTP', () => {
  it('POST /__sim/settings applies a partial and rejects invalid values', async () => {
    const res = await ctl('settings', { renderMs: 1234, plan: 'chatgpt_pro' });
    expect(res.status).toBe(200);
    expect(sim.settings).toMatchObject({ renderMs: 1234, plan: 'chatgpt_pro' });
    expect((await ctl('settings', { renderMs: -1 })).status).toBe(400);
    expect((await ctl('settings', { nonsense: true })).status).toBe(400);
    expect(sim.settings.renderMs).toBe(1234);
  });

  it('POST /__sim/faults with an exact or `*`-prefix path', async () => {
    const c = await signInClient(sim);
    expect(
      (await ctl('faults', { path: '/backend/nf/*', times: 2, action: { kind: 'status', status: 418 } }))
        .status,
    ).toBe(200);
    expect((await getJson(c, '/backend/nf/check')).status).toBe(418);
    expect((await getJson(c, '/backend/nf/pending/v2')).status).toBe(418);
    expect((await getJson(c, '/backend/nf/check')).status).toBe(200);
    expect((await ctl('faults', { path: '/x', action: { kind: 'explode' } })).status).toBe(400);
    await ctl('faults', { path: '/backend/me', action: { kind: 'drop' } });
    expect(((await (await ctl('faults')).json()) as unknown[]).length).toBe(1);
    await ctl('faults', undefined, 'DELETE');
    expect(sim.faults.active()).toHaveLength(0);
  });

  it('sign-out / sign-in / reset-quota / external-task / tasks / log', async () => {
    const c = await signInClient(sim);
    await ctl('sign-out', {});
    expect((await getJson(c, '/backend/nf/check')).status).toBe(401);
    await ctl('sign-in', {});
    expect((await getJson(c, '/backend/nf/check')).status).toBe(200);
    sim.faults.dailyLimit();
    await ctl('reset-quota', {});
    const bal = (
      await getJson<{ rate_limit_and_credit_balance: { rate_limit_reached: boolean } }>(
        c,
        '/backend/nf/check',
      )
    ).body;
    expect(bal.rate_limit_and_credit_balance.rate_limit_reached).toBe(false);
    const { id } = (await (await ctl('external-task', { renderMs: 5000 })).json()) as { id: string };
    const tasks = (await (await ctl('tasks')).json()) as SimTask[];
    expect(tasks.map((t) => [t.id, t.external])).toEqual([[id, true]]);
    const log = (await (await ctl('log')).json()) as LogEntry[];
    expect(log.some((e) => e.path === '/backend/nf/check' && e.status === 401)).toBe(true);
    expect(log.some((e) => e.path.startsWith('/__sim/'))).toBe(false);
  });

  it('unknown control paths are 404', async () => {
    expect((await ctl('nope')).status).toBe(404);
  });
});

describe('images (docs/backend-facts.md §4.5/§5.4)', () => {
  it('video_gen creates an image task that succeeds after imageRenderMs', async () => {
    sim.set({ imageRenderMs: 100 });
    const c = await signInClient(sim);
    const res = await c.f('https://sora.chatgpt.com/backend/video_gen', {
      method: 'POST',
      headers: await c.writeHeaders(),
      body: JSON.stringify({
        type: 'image_gen',
        operation: 'simple_compose',
        prompt: 'a cat',
        width: 360,
        height: 360,
        n_variants: 1,
        n_frames: 1,
        inpaint_items: [],
      }),
    });
    const { id } = (await res.json()) as { id: string };
    type Recent = { task_responses: { id: string; status: string; generations: { url: string }[] }[] };
    const first = (await getJson<Recent>(c, '/backend/v2/recent_tasks?limit=20')).body.task_responses[0];
    expect(first?.id).toBe(id);
    expect(first?.status).not.toBe('succeeded');
    await new Promise((r) => setTimeout(r, 120));
    const done = (await getJson<Recent>(c, '/backend/v2/recent_tasks?limit=20')).body.task_responses[0];
    expect(done?.status).toBe('succeeded');
    expect((await c.f(done!.generations[0]!.url)).headers.get('content-type')).toBe('image/png');
  });
});
