import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { isBackendError } from '@/lib/backend/errors';
import { createTaskApiClient } from '@/lib/backends/task-api/client';
import { createVideosApiClient } from '@/lib/backends/videos-api/client';
import { checkConnection } from '@/lib/connections/check';
import { connectionsItem, createConnectionStore } from '@/lib/connections/store';
import { startTaskApiSim, startVideosApiSim, type TaskApiSim, type VideosApiSim } from '@/sim/backends';
import { simDeps, until } from './helpers';

/** Canary keys: if either string shows up anywhere but the key items, a secret leaked. */
const VIDEO_KEY = 'sk-CANARYvideos0123456789';
const TASK_KEY = 'tk-CANARYtasks9876543210';
const CANARY = /CANARY/;

let videos: VideosApiSim;
let tasks: TaskApiSim;
const consoleLines: string[] = [];
beforeEach(async () => {
  fakeBrowser.reset();
  videos = await startVideosApiSim({ keys: [VIDEO_KEY], renderMs: 200, mediaBytes: 1024 });
  tasks = await startTaskApiSim({ keys: [TASK_KEY], renderMs: 200, mediaBytes: 1024 });
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, level).mockImplementation(
      (...args: unknown[]) => void consoleLines.push(args.map(String).join(' ')),
    );
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all([videos.close(), tasks.close()]);
});

async function everyError(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return '';
  } catch (e) {
    if (!isBackendError(e)) throw e;
    return JSON.stringify({ message: e.message, detail: e.detail, code: e.code });
  }
}

describe('API keys are secrets (issue 13, point 2)', () => {
  it('live only in the key items of storage.local / storage.session — never the list, logs, errors, URLs, sync, IndexedDB or the console', async () => {
    const store = createConnectionStore();
    const saved = await store.add({ kind: 'videos-api', baseUrl: videos.baseUrl, keys: VIDEO_KEY });
    const savedTask = await store.add({
      kind: 'task-api',
      baseUrl: tasks.baseUrl,
      keys: TASK_KEY,
      sessionOnly: true,
    });
    if (!saved.ok || !savedTask.ok) throw new Error('not saved');
    const vDeps = simDeps(videos);
    const tDeps = simDeps(tasks);
    const vKey = async () =>
      (await store.secretFor(saved.connection, saved.connection.keys[0]?.id ?? '')) ?? '';
    const tKey = async () =>
      (await store.secretFor(savedTask.connection, savedTask.connection.keys[0]?.id ?? '')) ?? '';
    const v = createVideosApiClient({
      ...vDeps,
      baseUrl: saved.connection.baseUrl,
      authHeader: 'bearer',
      apiKey: vKey,
    });
    const t = createTaskApiClient({ ...tDeps, baseUrl: savedTask.connection.baseUrl, apiKey: tKey });

    // A full run on each backend: the keys are used (the simulators saw them) …
    const out = await v.create({ prompt: 'secret-free prompt', model: 'sora-2' });
    if (out.kind !== 'created') throw new Error('not created');
    await until(
      () => v.retrieve(out.value.video.id),
      (a) => a.video.status === 'completed',
    );
    await v.content(out.value.video.id);
    const contentReq = await v.contentRequest(out.value.video.id);
    const gen = await t.generate({ prompt: 'x', aspectRatio: 'landscape', quality: 'standard' });
    if (gen.kind !== 'created') throw new Error('not created');
    await until(
      () => t.status(gen.value.taskId),
      (s) => s.state === 'done',
    );
    expect(videos.log.entries().every((e) => e.headers.authorization === `Bearer ${VIDEO_KEY}`)).toBe(true);

    // … including servers that echo the key back in their error words.
    videos.faults.inject({
      path: '/v1/videos',
      action: {
        kind: 'status',
        status: 400,
        body: { error: { message: `Bad request with key ${VIDEO_KEY}`, code: 'x' } },
      },
    });
    tasks.faults.inject({
      path: `${tasks.settings.basePath}/generate`,
      action: { kind: 'status', status: 400, body: { code: 400, msg: `invalid key Bearer ${TASK_KEY}` } },
    });
    const errors = [
      await everyError(() => v.create({ prompt: 'x', model: 'sora-2' })),
      await everyError(() => t.generate({ prompt: 'x', aspectRatio: 'landscape', quality: 'standard' })),
    ];
    expect(errors.every((e) => e.includes('***'))).toBe(true);
    videos.faults.revokeKey(VIDEO_KEY);
    const check = await checkConnection(saved.connection, { ...vDeps, secretFor: store.secretFor });
    expect(check.state).toBe('error');

    const local = await fakeBrowser.storage.local.get(null);
    const { connectionKeys, ...restOfLocal } = local as Record<string, unknown>;
    expect(JSON.stringify(connectionKeys)).toContain(VIDEO_KEY);
    expect(JSON.stringify(connectionKeys)).not.toContain(TASK_KEY); // session-only
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain(TASK_KEY);
    const leaks = {
      restOfLocal,
      sync: await fakeBrowser.storage.sync.get(null),
      list: await connectionsItem.getValue(),
      logs: [...vDeps.entries, ...tDeps.entries],
      errors,
      check,
      contentUrl: contentReq.url,
      console: consoleLines,
      databases: await indexedDB.databases(),
    };
    expect(JSON.stringify(leaks)).not.toMatch(CANARY);
    expect(JSON.stringify(leaks.list)).toContain('sk-…6789'); // masked once saved
  });
});
