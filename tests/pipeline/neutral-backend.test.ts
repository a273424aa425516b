import { describe, expect, it } from 'vitest';
import type { Backend, RecentTask, TaskSnapshot, VideoSpec } from '@/lib/backend/backend';
import type { BackendDeclaration } from '@/lib/backend/declaration';
import { addJobs } from '@/lib/db/jobs';
import { SoraDb } from '@/lib/db/schema';
import { createTicker } from '@/lib/pipeline/tick';
import { createJobRow, type JobRow } from '@/lib/queue/job';
import { DEFAULT_SETTINGS } from '@/lib/settings/settings';
import { createFakeDownloads } from '../helpers/fake-downloads';

// The boundary's proof (issue 12): a backend that implements only the neutral interface — the
// required core and `recover`, nothing of Sora's — runs through the real pipeline and queue.

const MEDIA_HOST = 'media.neutral.test';
const RENDER_MS = 5_000;

const DECLARATION: BackendDeclaration = {
  modes: ['text_to_video'],
  models: [
    {
      name: 'clip-1',
      modes: ['text_to_video'],
      durationsS: [4, 8],
      aspects: ['landscape'],
      qualities: ['standard'],
    },
  ],
  concurrency: { cap: 2, tracks: ['video'] },
  lostCreate: 'list-and-match',
  media: { hosts: [MEDIA_HOST], needsCredentials: false, expires: false },
  quota: 'none',
  hostPermissions: [`https://${MEDIA_HOST}/*`],
};

interface Task {
  id: string;
  prompt: string;
  model: string;
  createdAt: number;
}

/** A backend of tasks with a list endpoint, like a `/v1/videos` gateway: one id per create. */
function createNeutralBackend(now: () => number, options: { loseAnswers?: number } = {}) {
  const tasks: Task[] = [];
  const calls: string[] = [];
  let toLose = options.loseAnswers ?? 0;
  const stateOf = (task: Task): TaskSnapshot =>
    now() - task.createdAt >= RENDER_MS
      ? { state: 'done', generationId: task.id }
      : { state: 'running', progress: Math.round(((now() - task.createdAt) / RENDER_MS) * 100) };
  const backend: Backend = {
    id: 'neutral-test',
    declares: DECLARATION,
    async session() {
      calls.push('session');
      return { state: 'ready', plan: null };
    },
    async create(spec: VideoSpec) {
      calls.push('create');
      const task = {
        id: `vid_${tasks.length + 1}`,
        prompt: spec.prompt,
        model: spec.model,
        createdAt: now(),
      };
      tasks.push(task);
      // The answer is lost on the way back (a timeout): the task exists, the pipeline does not know its id.
      if (toLose > 0) {
        toLose--;
        return { kind: 'uncertain', reason: 'The answer never arrived.' };
      }
      return { kind: 'created', taskId: task.id };
    },
    async poll(taskIds, pollOptions) {
      calls.push('poll');
      const byId = new Map(tasks.map((t) => [t.id, t]));
      const snapshots = new Map(
        taskIds.map((id): [string, TaskSnapshot] => {
          const task = byId.get(id);
          return [id, task ? stateOf(task) : { state: 'missing' }];
        }),
      );
      const since = pollOptions?.recentSince ?? null;
      const recent: (RecentTask & { model: string })[] =
        since === null
          ? []
          : tasks
              .filter((t) => t.createdAt >= since - 60_000)
              .map((t) => ({ taskId: t.id, prompt: t.prompt, createdAt: t.createdAt, model: t.model }));
      const active = tasks.filter((t) => now() - t.createdAt < RENDER_MS).length;
      return { activeCount: active, tasks: snapshots, recent };
    },
    async resolveMedia(taskId) {
      calls.push('media');
      return { url: `https://${MEDIA_HOST}/${taskId}.mp4`, expiresAt: null };
    },
    recover: {
      // Its list echoes prompt, model and time.
      matches: (task, spec, intentAt) =>
        task.prompt === spec.prompt &&
        (task as RecentTask & { model?: string }).model === spec.model &&
        (task.createdAt ?? 0) >= intentAt - 60_000,
    },
  };
  return { backend, tasks, calls };
}

function videoJob(prompt: string, seq: number, at: number): JobRow {
  return createJobRow(
    { text: prompt, model: 'clip-1', backendId: 'neutral-test' },
    {
      kind: 'video',
      model: 'clip-1',
      prompt,
      params: { aspect: 'landscape', durationS: 4, quality: 'standard' },
      styleId: null,
      remixTargetId: null,
      storyboard: null,
      images: [],
      characterVideo: null,
    },
    seq,
    at,
  );
}

function harness(options: { loseAnswers?: number } = {}) {
  const clock = { now: 5_000_000 };
  const db = new SoraDb(`neutral-${crypto.randomUUID()}`);
  const fake = createNeutralBackend(() => clock.now, options);
  const downloads = createFakeDownloads();
  const ticker = createTicker({
    db,
    backend: fake.backend,
    downloads: downloads.port,
    settings: async () => ({ ...DEFAULT_SETTINGS, concurrency: 3 }),
    now: () => clock.now,
    random: () => 0.5,
    publishAccount: async () => undefined,
    fetchThumbnail: async () => null,
    hasHostAccess: async () => true,
  });
  const run = async (ms: number): Promise<void> => {
    for (let t = 0; t < ms; t += 1_000) {
      clock.now += 1_000;
      await ticker.tick();
      downloads.complete();
    }
  };
  return { ...fake, db, clock, downloads, run };
}

describe('a backend with only the neutral interface, through the real pipeline and queue', () => {
  it('text-to-video: created, followed, downloaded from its declared media host, at its own cap', async () => {
    const h = harness();
    await addJobs(
      h.db,
      [1, 2, 3].map((n) => videoJob(`A lighthouse, take ${n}`, n, h.clock.now)),
    );
    await h.run(1_000);
    // Its declared cap is 2: the third waits for a free slot.
    expect(h.calls.filter((c) => c === 'create')).toHaveLength(2);
    await h.run(20_000);
    const jobs = await h.db.jobs.orderBy('seq').toArray();
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    expect(jobs.map((j) => j.taskId)).toEqual(['vid_1', 'vid_2', 'vid_3']);
    expect(h.downloads.items.map((d) => d.url).sort()).toEqual(
      ['vid_1', 'vid_2', 'vid_3'].map((id) => `https://${MEDIA_HOST}/${id}.mp4`),
    );
  });

  it('a mode it lacks (images) fails with the reason, and nothing is sent for it', async () => {
    const h = harness();
    const image = createJobRow(
      { text: 'A fox', model: 'gpt-image', backendId: 'neutral-test' },
      { kind: 'image', model: 'gpt-image', prompt: 'A fox', width: 360, height: 360, images: [] },
      1,
      h.clock.now,
    );
    await addJobs(h.db, [image]);
    await h.run(3_000);
    const job = (await h.db.jobs.get(image.id))!;
    expect(job.status).toBe('failed');
    expect(job.error).toEqual({ code: 'unsupported', message: 'This backend cannot do images.' });
    expect(h.calls).not.toContain('create');
    expect(h.tasks).toHaveLength(0);
  });

  it('a lost create is found again in its list and never sent twice', async () => {
    const h = harness({ loseAnswers: 1 });
    const job = videoJob('A cat skydives', 1, h.clock.now);
    await addJobs(h.db, [job]);
    await h.run(1_000);
    expect((await h.db.jobs.get(job.id))!.status).toBe('reconciling');
    await h.run(20_000);
    const done = (await h.db.jobs.get(job.id))!;
    expect(done).toMatchObject({ status: 'completed', taskId: 'vid_1' });
    expect(h.tasks).toHaveLength(1);
    expect(h.downloads.items.map((d) => d.url)).toEqual([`https://${MEDIA_HOST}/vid_1.mp4`]);
  });

  it('without `recover` a lost create is never resent blindly: it fails with a plain message', async () => {
    const h = harness({ loseAnswers: 1 });
    delete h.backend.recover;
    const job = videoJob('A cat skydives', 1, h.clock.now);
    await addJobs(h.db, [job]);
    await h.run(60_000);
    const row = (await h.db.jobs.get(job.id))!;
    expect(h.tasks).toHaveLength(1);
    expect(row.status).toBe('failed');
    expect(row.error?.code).toBe('lost_create');
  });
});
