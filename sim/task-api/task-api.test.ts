import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSimFetch, type SimFetch } from '../client';
import { startTaskApiSim } from './server';
import type { TaskApiSim } from './types';

let sim: TaskApiSim;
let f: SimFetch;
const KEY = 'tk-sim-task-1';
beforeEach(async () => {
  sim = await startTaskApiSim({ renderMs: 300, mediaBytes: 4096, credits: 5, concurrencyPerKey: 2 });
  f = createSimFetch(sim);
});
afterEach(() => sim.close());

const generate = (body: unknown, key = KEY) =>
  f(`${sim.baseUrl}/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const info = async (taskId: string) =>
  (await (
    await f(`${sim.baseUrl}/record-info?taskId=${taskId}`, { headers: { authorization: `Bearer ${KEY}` } })
  ).json()) as { code: number; data: Record<string, unknown> };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('task API simulator (the seed’s task API, docs/backend-facts.md §12)', () => {
  it('generate → successFlag 0 → 1 with response.imageUrl on the public CDN', async () => {
    const res = await generate({
      prompt: 'a kitten',
      aspectRatio: 'portrait',
      quality: 'standard',
      watermark: 'W',
    });
    const body = (await res.json()) as { code: number; msg: string; data: { taskId: string } };
    expect(body).toMatchObject({
      code: 200,
      msg: 'success',
      data: { taskId: expect.stringMatching(/^sora2_task_/) },
    });
    const id = body.data.taskId;
    expect((await info(id)).data).toMatchObject({ successFlag: 0, response: null, errorCode: 0 });
    await wait(350);
    const done = (await info(id)).data;
    expect(done).toMatchObject({
      successFlag: 1,
      completeTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
    expect(JSON.parse(String(done.paramJson))).toMatchObject({ prompt: 'a kitten', watermark: 'W' });
    const url = (done.response as { imageUrl: string }).imageUrl;
    expect(new URL(url).host).toBe(sim.cdnHost);
    const bytes = Buffer.from(await (await f(url)).arrayBuffer()); // no key: the link is public
    expect(bytes.equals(sim.videoBytes(id))).toBe(true);
    sim.faults.expireResults();
    expect((await f(url)).status).toBe(404);
  });

  it('400 bad body, 401 bad key, 402 out of credits, 429 over the cap with Retry-After', async () => {
    expect(await (await generate({ prompt: '' })).json()).toEqual({ code: 400, msg: 'prompt is required' });
    expect((await generate({ prompt: 'x', imageUrls: ['file:///a.png'] })).status).toBe(400);
    expect((await generate({ prompt: 'x' }, 'tk-wrong')).status).toBe(401);
    await generate({ prompt: 'a', quality: 'hd' });
    await generate({ prompt: 'b', quality: 'hd' });
    const third = await generate({ prompt: 'c' });
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('2');
    await wait(350);
    expect(sim.creditsOf(KEY)).toBe(1);
    expect(await (await generate({ prompt: 'd', quality: 'hd' })).json()).toEqual({
      code: 402,
      msg: 'Insufficient credits',
    });
  });

  it('successFlag 2 (creation failed) at once and 3 (generation failed) after render, with errorMessage', async () => {
    sim.faults.failCreationNext();
    const a = ((await (await generate({ prompt: 'a' })).json()) as { data: { taskId: string } }).data.taskId;
    expect((await info(a)).data).toMatchObject({
      successFlag: 2,
      errorMessage: expect.stringContaining('creation failed'),
    });
    sim.faults.failNext();
    const b = ((await (await generate({ prompt: 'b' })).json()) as { data: { taskId: string } }).data.taskId;
    expect((await info(b)).data.successFlag).toBe(0);
    await wait(350);
    expect((await info(b)).data).toMatchObject({ successFlag: 3, errorCode: 500, response: null });
  });

  it('a lost create still makes a task; an unknown task is 404 Task not found', async () => {
    sim.faults.loseCreate();
    await expect(generate({ prompt: 'lost' }).then((r) => r.json())).rejects.toThrow();
    expect(sim.tasks().map((t) => t.prompt)).toEqual(['lost']);
    expect(await info('sora2_task_000000000000')).toEqual({ code: 404, msg: 'Task not found' });
  });
});
