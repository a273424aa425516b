import { describe, expect, it } from 'vitest';
import { addJobs } from '@/lib/db/jobs';
import type { JobRow } from '@/lib/queue/job';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

type Harness = ReturnType<typeof createPipelineHarness>;
const POLL_MS = 3_000;

const only = async (h: Harness): Promise<JobRow> => (await h.db.jobs.toArray())[0]!;
const videos = (h: Harness) => h.downloads.items.filter((i) => i.filename.endsWith('.mp4'));

describe('two tasks for one job (a POST the browser resent)', () => {
  it('keeps both: one job, two results, each downloaded once under its own name, logged', async () => {
    const h = createPipelineHarness({ sidecar: true }, 6_000);
    await addJobs(h.db, [makeJob({ createdAt: h.clock.now }, 'One prompt, two videos')]);
    h.state.nextCreate = 'duplicate'; // the backend made task_1 and task_2; the answer names task_2
    await h.run(60_000, POLL_MS);
    const job = await only(h);
    expect(await h.statuses()).toEqual(['completed']);
    expect(await h.db.jobs.count()).toBe(1); // never counted as another job
    expect(job.taskId).toBe('task_2');
    expect(job.extras).toMatchObject([{ taskId: 'task_1', generationId: 'gen_task_1', state: 'completed' }]);
    expect(h.creates).toHaveLength(1);
    const files = videos(h);
    expect(files).toHaveLength(2);
    expect(files.map((f) => f.url).sort()).toEqual([
      expect.stringContaining('gen_task_1'),
      expect.stringContaining('gen_task_2'),
    ]);
    const [main, extra] = [job.download!.fileName, job.extras[0]!.download!.fileName];
    expect(extra).toBe(main.replace(/\.mp4$/, '_2.mp4'));
    expect(extra).toContain(job.id.slice(0, 8));
    expect(h.downloads.items.filter((i) => i.filename.endsWith('_2.json'))).toHaveLength(1);
    const log = await h.db.events.where('jobId').equals(job.id).toArray();
    expect(log.find((e) => e.type === 'extra_found')?.detail).toMatch(/second video .*task_1/);
    expect(log.some((e) => e.type === 'extra_done')).toBe(true);
    await h.run(30_000, POLL_MS);
    expect(videos(h)).toHaveLength(2); // later ticks download nothing again
  });

  it('the job completes only when its extra is saved too', async () => {
    const h = createPipelineHarness({}, 6_000);
    await addJobs(h.db, [makeJob({ createdAt: h.clock.now }, 'Wait for both')]);
    h.state.nextCreate = 'duplicate';
    for (let i = 0; i < 40 && videos(h).length < 2; i++) {
      h.clock.now += POLL_MS;
      await h.ticker.tick(); // downloads are not completed: the browser is still saving both
    }
    expect(videos(h)).toHaveLength(2);
    const [first, second] = [
      videos(h).find((i) => !i.filename.endsWith('_2.mp4'))!,
      videos(h).find((i) => i.filename.endsWith('_2.mp4'))!,
    ];
    first.state = 'complete'; // the job's own file is saved, the extra not yet
    h.clock.now += POLL_MS;
    await h.ticker.tick();
    expect((await only(h)).status).toBe('downloading');
    second.state = 'complete';
    h.clock.now += POLL_MS;
    await h.ticker.tick();
    expect(await h.statuses()).toEqual(['completed']);
  });

  it('found after a lost answer too: the reconciled job adopts one task, the other becomes its extra', async () => {
    const h = createPipelineHarness({}, 6_000);
    await addJobs(h.db, [makeJob({ createdAt: h.clock.now }, 'Resent, then lost')]);
    h.state.nextCreate = 'timeout';
    await h.run(1_000);
    // The resend made a second task (Chromium), as the first went unanswered.
    h.tasks.push({ ...h.tasks[0]!, id: 'task_1b', createdAt: h.clock.now - 20_000 });
    await h.run(60_000, POLL_MS);
    const job = await only(h);
    expect(job.status).toBe('completed');
    expect([job.taskId, ...job.extras.map((e) => e.taskId)].sort()).toEqual(['task_1', 'task_1b']);
    expect(videos(h)).toHaveLength(2);
    expect(h.creates).toHaveLength(1);
  });

  it('adopts the extra’s download a crash left behind instead of starting a second one', async () => {
    const h = createPipelineHarness({}, 6_000);
    const row = makeJob(
      {
        status: 'ready',
        taskId: 'task_9',
        generationId: 'gen_9',
        createIntentAt: h.clock.now,
        createdAt: h.clock.now,
      },
      'Crashed while saving the extra',
    );
    const fileName = `Sora Companion/x_${row.id.slice(0, 8)}_2.mp4`;
    row.extras = [
      {
        taskId: 'task_8',
        foundAt: h.clock.now,
        state: 'ready',
        generationId: 'gen_8',
        download: { fileName, downloadId: null },
        attempts: 0,
        error: null,
      },
    ];
    await addJobs(h.db, [row]);
    await h.downloads.port.download({ url: 'https://videos.openai.com/x', filename: fileName });
    await h.run(6_000, POLL_MS);
    expect(await h.statuses()).toEqual(['completed']);
    expect(videos(h).filter((i) => i.filename.endsWith('_2.mp4'))).toHaveLength(1);
    expect((await only(h)).extras[0]!.state).toBe('completed');
  });

  it('with auto-download off, the extra is kept as a result without a file', async () => {
    const h = createPipelineHarness({ autoDownload: false }, 6_000);
    await addJobs(h.db, [makeJob({ createdAt: h.clock.now }, 'Keep both, save none')]);
    h.state.nextCreate = 'duplicate';
    await h.run(40_000, POLL_MS);
    expect(await h.statuses()).toEqual(['completed']);
    expect((await only(h)).extras).toMatchObject([{ taskId: 'task_1', state: 'completed', download: null }]);
    expect(h.downloads.items).toHaveLength(0);
  });

  it('a copy’s own task is not an extra of another job', async () => {
    const h = createPipelineHarness({}, 6_000);
    await h.db.jobs.bulkAdd([
      makeJob({ seq: 1, createdAt: h.clock.now }, 'Three takes'),
      makeJob({ seq: 2, createdAt: h.clock.now }, 'Three takes'),
      makeJob({ seq: 3, createdAt: h.clock.now }, 'Three takes'),
    ]);
    await h.run(60_000, POLL_MS);
    const jobs = await h.db.jobs.toArray();
    expect(jobs.map((j) => j.status)).toEqual(['completed', 'completed', 'completed']);
    expect(jobs.flatMap((j) => j.extras)).toEqual([]);
    expect(videos(h)).toHaveLength(3);
  });
});
