import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SignedInClient, signInClient } from './helpers';
import { startSim } from './server';
import { createVideo, getJson, waitFor } from './test-utils';
import type { Sim } from './types';

let sim: Sim;
let c: SignedInClient;
beforeEach(async () => {
  sim = await startSim({ renderMs: 400, draftLagMs: 300 });
  c = await signInClient(sim);
});
afterEach(() => sim.close());

type Item = { id: string; task_id?: string; prompt?: string };
const pendingIds = async (): Promise<string[]> =>
  (await getJson<Item[]>(c, '/backend/nf/pending/v2')).body.map((t) => t.id);
const draftTaskIds = async (): Promise<string[]> =>
  (await getJson<{ items: Item[] }>(c, '/backend/project_y/profile/drafts/v2?limit=15')).body.items.map(
    (d) => d.task_id ?? '',
  );

describe('lost create answers (issue 11: the backend accepted, the client never hears)', () => {
  it('accept-then-hang: the task renders into drafts while the request stays unanswered', async () => {
    sim.faults.hangCreateAnswer('hang');
    const started = Date.now();
    const answer = createVideo(c, { prompt: 'never answered' }).then(
      () => 'answered',
      () => 'gave up',
    );
    // Still unanswered after the task has finished and reached drafts.
    const task = await waitFor(() => sim.tasks().find((t) => t.status === 'done'), 3000);
    expect(task.prompt).toBe('never answered');
    expect(await draftTaskIds()).toEqual([task.id]);
    expect(await pendingIds()).toEqual([]);
    const raced = await Promise.race([answer, new Promise((r) => setTimeout(() => r('still open'), 100))]);
    expect(raced).toBe('still open');
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(sim.log.filter({ method: 'POST', path: '/backend/nf/create' })[0]).toMatchObject({
      status: 0,
      fault: 'accept-then-hang',
    });
    await sim.close(); // the client's "give up": the hung socket is destroyed
    expect(await answer).toBe('gave up');
  });

  it('accept-then-hang: a client timeout ends the request, the task is there anyway', async () => {
    sim.faults.inject({ method: 'POST', path: '/backend/nf/create', action: { kind: 'accept-then-hang' } });
    const res = c.f('https://sora.chatgpt.com/backend/nf/create', {
      method: 'POST',
      headers: await c.writeHeaders(),
      body: JSON.stringify({
        kind: 'video',
        prompt: 'timed out',
        orientation: 'portrait',
        size: 'small',
        n_frames: 300,
        model: 'sy_8',
      }),
      signal: AbortSignal.timeout(150),
    });
    await expect(res).rejects.toThrow();
    expect(sim.tasks().map((t) => t.prompt)).toEqual(['timed out']);
    expect(await pendingIds()).toHaveLength(1);
  });

  it('accept-then-cut after the task finished: the answer starts only once the task left pending, then breaks', async () => {
    sim.faults.hangCreateAnswer('cut-after-finish');
    const started = Date.now();
    const body = createVideo(c, { prompt: 'cut late' }).then((r) => r.json());
    await expect(body).rejects.toThrow();
    const waited = Date.now() - started;
    const [task] = sim.tasks();
    expect(waited).toBeGreaterThanOrEqual(400);
    expect(task?.prompt).toBe('cut late');
    expect(await pendingIds()).toEqual([]); // finished before the client heard anything
    await waitFor(async () => (await draftTaskIds()).includes(task?.id ?? '?'), 2000);
    expect(sim.log.filter({ method: 'POST', path: '/backend/nf/create' })[0]).toMatchObject({
      status: 0,
      fault: 'accept-then-cut',
    });
  });

  it('accept-then-cut can hold until the draft is visible (POST /__sim/faults)', async () => {
    const ctl = await c.f('https://sora.chatgpt.com/__sim/faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        method: 'POST',
        path: '/backend/nf/create',
        action: { kind: 'accept-then-cut', holdUntil: 'task-drafted' },
      }),
    });
    expect(ctl.status).toBe(200);
    const started = Date.now();
    await expect(createVideo(c, { prompt: 'cut after draft' }).then((r) => r.json())).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(await draftTaskIds()).toEqual([sim.tasks()[0]?.id]);
  });
});

describe('duplicated POST (Chromium resends a POST whose reused connection closed)', () => {
  it('one request makes two tasks of the same prompt; the answer names the second', async () => {
    sim.faults.duplicateCreate();
    const res = await createVideo(c, { prompt: 'sent once, made twice' });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const tasks = sim.tasks();
    expect(tasks.map((t) => t.prompt)).toEqual(['sent once, made twice', 'sent once, made twice']);
    expect(id).toBe(tasks[1]?.id);
    expect(tasks[0]?.id).not.toBe(id);
    expect(sim.log.filter({ method: 'POST', path: '/backend/nf/create' })).toHaveLength(1);
    expect(sim.log.filter({ method: 'POST', path: '/backend/nf/create' })[0]?.fault).toBe('duplicate');
    // Both render and both reach drafts, each a separate charge on the account.
    await waitFor(async () => (await draftTaskIds()).length === 2, 3000);
    const next = await createVideo(c, { prompt: 'normal again' });
    expect(next.status).toBe(200);
    expect(sim.tasks()).toHaveLength(3);
  });
});
