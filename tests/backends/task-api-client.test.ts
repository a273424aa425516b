import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FetchLike } from '@/lib/backends/http';
import {
  createTaskApiClient,
  TASK_API_RETENTION_MS,
  type TaskApiClient,
} from '@/lib/backends/task-api/client';
import { startTaskApiSim, type TaskApiSim } from '@/sim/backends';
import { rejection, simDeps, until } from './helpers';

let sim: TaskApiSim;
let deps: ReturnType<typeof simDeps>;
let client: TaskApiClient;
const KEY = 'tk-sim-task-1';
beforeEach(async () => {
  sim = await startTaskApiSim({
    renderMs: 300,
    mediaBytes: 8192,
    credits: 4,
    concurrencyPerKey: 2,
    retryAfterSeconds: 7,
  });
  deps = simDeps(sim);
  client = createTaskApiClient({ ...deps, baseUrl: sim.baseUrl, apiKey: () => KEY });
});
afterEach(() => sim.close());

const taskId = async (p: ReturnType<TaskApiClient['generate']>): Promise<string> => {
  const out = await p;
  if (out.kind !== 'created') throw new Error(`expected created, got ${out.kind}`);
  return out.value.taskId;
};

describe('task API client against the simulator', () => {
  it('generate (no callBackUrl) → running → done with a public link that expires in 15 days', async () => {
    const id = await taskId(
      client.generate({ prompt: 'a kitten', aspectRatio: 'portrait', quality: 'hd', watermark: 'Mine' }),
    );
    const sent = sim.log.filter({ method: 'POST' })[0]?.body as Record<string, unknown>;
    expect(sent).toEqual({ prompt: 'a kitten', aspectRatio: 'portrait', quality: 'hd', watermark: 'Mine' });
    expect(await client.status(id)).toEqual({ state: 'running' });
    const before = Date.now();
    const done = await until(
      () => client.status(id),
      (s) => s.state !== 'running',
    );
    if (done.state !== 'done') throw new Error(`expected done, got ${done.state}`);
    expect(new URL(done.url).host).toBe(sim.cdnHost);
    expect(done.expiresAt - before).toBeGreaterThanOrEqual(TASK_API_RETENTION_MS);
    const bytes = Buffer.from(await (await deps.fetch(done.url)).arrayBuffer());
    expect(bytes.equals(sim.videoBytes(id))).toBe(true);
  });

  it('image URLs are passed on as imageUrls', async () => {
    await taskId(
      client.generate({
        prompt: 'move',
        aspectRatio: 'landscape',
        quality: 'standard',
        imageUrls: ['https://img.example/a.jpg'],
      }),
    );
    expect(sim.tasks()[0]?.params).toMatchObject({ imageUrls: ['https://img.example/a.jpg'] });
  });

  it('successFlag 2 and 3 are failures with the service’s reason and stage', async () => {
    sim.faults.failCreationNext();
    const a = await taskId(client.generate({ prompt: 'a', aspectRatio: 'landscape', quality: 'standard' }));
    expect(await client.status(a)).toMatchObject({
      state: 'failed',
      stage: 'creation',
      reason: expect.stringContaining('could not be fetched'),
      errorCode: '400',
    });
    sim.set({ contentPolicyPattern: 'forbidden' });
    const b = await taskId(
      client.generate({ prompt: 'forbidden thing', aspectRatio: 'landscape', quality: 'standard' }),
    );
    const s = await until(
      () => client.status(b),
      (x) => x.state !== 'running',
    );
    expect(s).toMatchObject({ state: 'failed', stage: 'generation', contentPolicy: true });
  });

  it('400 bad request, 401 bad key, 402 no credits, 429 with Retry-After, 5xx retryable — each in plain words', async () => {
    expect(
      await rejection(client.generate({ prompt: ' ', aspectRatio: 'landscape', quality: 'standard' })),
    ).toMatchObject({ code: 'bad_request', detail: 'prompt is required' });
    const bad = createTaskApiClient({ ...deps, baseUrl: sim.baseUrl, apiKey: () => 'tk-not-a-key' });
    expect(
      await rejection(bad.generate({ prompt: 'x', aspectRatio: 'landscape', quality: 'standard' })),
    ).toMatchObject({ code: 'auth', message: expect.stringMatching(/key was refused/) });
    await taskId(client.generate({ prompt: 'a', aspectRatio: 'landscape', quality: 'hd' }));
    await taskId(client.generate({ prompt: 'b', aspectRatio: 'landscape', quality: 'standard' }));
    expect(
      await rejection(client.generate({ prompt: 'c', aspectRatio: 'landscape', quality: 'standard' })),
    ).toMatchObject({ code: 'rate_limited', retryAfterMs: 7000 });
    await until(async () => sim.tasks().every((t) => t.successFlag !== 0), Boolean);
    expect(
      await rejection(client.generate({ prompt: 'd', aspectRatio: 'landscape', quality: 'hd' })),
    ).toMatchObject({ code: 'quota_exhausted', message: expect.stringMatching(/enough credits/) });
    sim.faults.serverErrors(`${sim.settings.basePath}/record-info`, 1, 502);
    expect(await rejection(client.status('sora2_task_x'))).toMatchObject({
      code: 'fatal',
      retryable: true,
      status: 502,
    });
    expect(await rejection(client.status('sora2_task_x'))).toMatchObject({ code: 'fatal', status: 404 });
  });

  it('a lost create is uncertain; the API has no list, so nothing is resent', async () => {
    sim.faults.loseCreate();
    const out = await client.generate({ prompt: 'lost', aspectRatio: 'landscape', quality: 'standard' });
    expect(out).toMatchObject({ kind: 'uncertain', reason: expect.any(String) });
    expect(sim.log.count('POST', `${sim.settings.basePath}/generate`)).toBe(1);
    expect('findLostCreate' in client).toBe(false);
  });

  it('an HTTP 200 whose body code is not 200 is a failure (the seed: response.ok && code === 200)', async () => {
    const fetch: FetchLike = async () =>
      new Response(JSON.stringify({ code: 402, msg: 'balance is 0' }), { status: 200 });
    const c = createTaskApiClient({
      fetch,
      now: Date.now,
      log: () => {},
      baseUrl: 'https://t.example/api',
      apiKey: () => 'tk-abcdefgh',
    });
    expect(
      await rejection(c.generate({ prompt: 'x', aspectRatio: 'landscape', quality: 'standard' })),
    ).toMatchObject({ code: 'quota_exhausted', status: 402 });
  });

  it('a done task whose link is not a web link is refused, not downloaded', async () => {
    const fetch: FetchLike = async () =>
      new Response(
        JSON.stringify({
          code: 200,
          msg: 'success',
          data: { taskId: 't', successFlag: 1, response: { imageUrl: 'javascript:alert(1)' } },
        }),
        { status: 200 },
      );
    const c = createTaskApiClient({
      fetch,
      now: Date.now,
      log: () => {},
      baseUrl: 'https://t.example/api',
      apiKey: () => 'tk-abcdefgh',
    });
    expect(await rejection(c.status('t'))).toMatchObject({ code: 'fatal', unexpected: true });
  });
});
