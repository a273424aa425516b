import { describe, expect, it } from 'vitest';
import { REQUEST_TIMEOUT_MS } from '@/lib/backend/timeouts';
import { addJobs } from '@/lib/db/jobs';
import { RECONCILE_MIN_LOOKS, RECONCILE_WINDOW_MS } from '@/lib/pipeline/poll';
import type { JobRow } from '@/lib/queue/job';
import { SoraError } from '@/lib/sora/errors';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

type Harness = ReturnType<typeof createPipelineHarness>;

/** The poll interval the product uses by default (settings `pollIntervalSec`). */
const POLL_MS = 3_000;

async function queue(h: Harness, prompts: readonly string[]): Promise<JobRow[]> {
  const jobs = prompts.map((prompt, i) => makeJob({ seq: i + 1, createdAt: h.clock.now }, prompt));
  await addJobs(h.db, jobs);
  return jobs;
}

const job = async (h: Harness, id: string): Promise<JobRow> => (await h.db.jobs.get(id))!;

/** Ticks at the poll interval until `done` holds (or `ms` passed), returning the time it took. */
async function until(h: Harness, done: () => Promise<boolean>, ms: number): Promise<number> {
  const start = h.clock.now;
  while (!(await done()) && h.clock.now - start < ms) await h.run(POLL_MS, POLL_MS);
  return h.clock.now - start;
}

/** A worker died mid-create: its job is still `submitting`, its lease running out at `leaseUntil`. */
async function diedMidCreate(h: Harness, prompt: string, leaseMs = 60_000): Promise<JobRow> {
  const row = makeJob(
    { seq: 1, status: 'submitting', createIntentAt: h.clock.now, leaseUntil: h.clock.now + leaseMs },
    prompt,
  );
  await addJobs(h.db, [row]);
  return row;
}

describe('a create whose answer was lost is found wherever its task is', () => {
  it('the issue: 3 jobs, 6 s render, the first answer hangs to the timeout → exactly 3 tasks, 3 files', async () => {
    const h = createPipelineHarness({}, 6_000);
    const [first] = await queue(h, ['A fox at dawn', 'A fox at noon', 'A fox at dusk']);
    h.state.nextCreate = 'timeout'; // accepted by the backend; the answer never comes
    await h.run(1_000);
    expect(await h.statuses()).toEqual(['reconciling', 'queued', 'queued']);
    // By now the task rendered (6 s) and left pending for the drafts: only the drafts can show it.
    expect((await h.lists.pending()).map((t) => t.id)).not.toContain('task_1');
    await h.run(POLL_MS, POLL_MS);
    expect(await job(h, first!.id)).toMatchObject({ status: 'generating', taskId: 'task_1' });
    await h.run(60_000, POLL_MS);
    expect(await h.statuses()).toEqual(['completed', 'completed', 'completed']);
    expect(h.tasks).toHaveLength(3); // no paid generation wasted
    expect(h.creates).toHaveLength(3);
    const files = h.downloads.items.map((i) => i.filename);
    expect(new Set(files).size).toBe(3);
    expect(h.downloads.items.map((i) => i.url).some((u) => u.includes('gen_task_1'))).toBe(true);
  });

  it('counts the window from the loss, not the intent: a 25 s hang leaves the whole window and 3 looks', async () => {
    const h = createPipelineHarness({}, 6_000);
    const [row] = await queue(h, ['Never reached Sora']);
    h.state.nextCreate = 'hang'; // never reached the backend; the request hung until the timeout
    const claimedAt = h.clock.now + 1_000;
    await h.run(1_000);
    const lost = await job(h, row!.id);
    expect(lost.createIntentAt).toBe(claimedAt);
    expect(lost.reconcile).toMatchObject({ lostAt: claimedAt + REQUEST_TIMEOUT_MS, looks: 0 });
    const took = await until(h, async () => (await job(h, row!.id)).status !== 'reconciling', 120_000);
    expect(took).toBeGreaterThanOrEqual(RECONCILE_WINDOW_MS);
    const events = await h.db.events.where('jobId').equals(row!.id).toArray();
    expect(events.filter((e) => e.type === 'looked').length).toBeGreaterThanOrEqual(RECONCILE_MIN_LOOKS);
    await h.run(30_000, POLL_MS);
    expect(await h.statuses()).toEqual(['completed']);
    expect(h.tasks).toHaveLength(1);
  });

  it('a worker death mid-create, found past its lease: at least three looks, never one', async () => {
    const h = createPipelineHarness({}, 6_000);
    const row = await diedMidCreate(h, 'The create never left the dead worker');
    await until(h, async () => (await job(h, row.id)).status === 'reconciling', 90_000);
    const lostAt = (await job(h, row.id)).reconcile!.lostAt;
    expect(lostAt).toBeGreaterThanOrEqual(row.leaseUntil!);
    let last = await job(h, row.id);
    while (last.status === 'reconciling') {
      await h.run(POLL_MS, POLL_MS);
      const next = await job(h, row.id);
      if (next.status !== 'reconciling') break;
      last = next;
    }
    expect(last.reconcile!.looks).toBeGreaterThanOrEqual(RECONCILE_MIN_LOOKS);
    expect(h.clock.now - lostAt).toBeGreaterThanOrEqual(RECONCILE_WINDOW_MS);
    await h.run(30_000, POLL_MS);
    expect(await h.statuses()).toEqual(['completed']);
    expect(h.tasks).toHaveLength(1); // sent once, after it was surely not made
  });

  it('a worker death after the create reached Sora: its task, lagging into drafts, is adopted, not resent', async () => {
    const h = createPipelineHarness({}, 6_000);
    h.state.draftLagMs = 70_000; // finished during the lease, still between pending and drafts after it
    const row = await diedMidCreate(h, 'Made before the worker died');
    h.tasks.push({
      id: 'task_99',
      kind: 'video',
      prompt: 'Made before the worker died',
      createdAt: h.clock.now,
      doneAt: h.clock.now + 6_000,
      outcome: 'done',
      spec: { orientation: 'landscape', nFrames: 300 },
    });
    await h.run(120_000, POLL_MS);
    expect(await job(h, row.id)).toMatchObject({ status: 'completed', taskId: 'task_99' });
    expect(h.tasks).toHaveLength(1);
  });

  it('5xx while looking: the look-out waits, then starts again in full (never "not created" unseen)', async () => {
    const h = createPipelineHarness({}, 120_000);
    h.state.draftLagMs = 20_000;
    const [row] = await queue(h, ['A long render']);
    h.state.nextCreate = 'timeout';
    await h.run(1_000);
    h.state.pollError = new SoraError({ code: 'retryable', message: 'HTTP 502', status: 502 });
    const runThrough = async (ms: number) => {
      for (let t = 0; t < ms; t += POLL_MS) {
        h.clock.now += POLL_MS;
        await h.ticker.tick().catch(() => undefined);
      }
    };
    await runThrough(100_000); // the task finishes at 121 s, in drafts at 141 s
    expect((await job(h, row!.id)).status).toBe('reconciling');
    expect(h.creates).toHaveLength(1);
    h.state.pollError = null;
    await runThrough(9_000); // readable again at ~130 s: the task is in neither list yet
    expect((await job(h, row!.id)).status).toBe('reconciling');
    await h.run(60_000, POLL_MS);
    expect(await job(h, row!.id)).toMatchObject({ status: 'completed', taskId: 'task_1' });
    expect(h.tasks).toHaveLength(1);
  });

  it('signed out while looking: reconciled after sign-in, not repeated', async () => {
    const h = createPipelineHarness({}, 120_000);
    h.state.draftLagMs = 20_000;
    const [row] = await queue(h, ['Lost while signing out']);
    h.state.nextCreate = 'timeout';
    await h.run(1_000);
    h.state.signedIn = false;
    await h.run(100_000, POLL_MS);
    expect((await job(h, row!.id)).status).toBe('needs_auth');
    h.state.signedIn = true;
    await until(h, async () => (await job(h, row!.id)).status !== 'needs_auth', 20_000);
    expect((await job(h, row!.id)).status).toBe('reconciling'); // neither list shows it yet
    await h.run(60_000, POLL_MS);
    expect(await job(h, row!.id)).toMatchObject({ status: 'completed', taskId: 'task_1' });
    expect(h.creates).toHaveLength(1);
  });

  it('a dead worker’s job held for sign-in keeps its intent and is reconciled afterwards', async () => {
    const h = createPipelineHarness({}, 6_000);
    const row = await diedMidCreate(h, 'Held mid-create', 120_000);
    h.tasks.push({
      id: 'task_7',
      kind: 'video',
      prompt: 'Held mid-create',
      createdAt: h.clock.now,
      doneAt: h.clock.now + 6_000,
      outcome: 'done',
      spec: null,
    });
    const other = makeJob({ seq: 2, createdAt: h.clock.now }, 'Another job, waiting its turn');
    await addJobs(h.db, [other]);
    h.state.signedIn = false; // the next poll answers 401 while the dead worker's lease still runs
    await h.run(POLL_MS, POLL_MS);
    expect((await job(h, row.id)).status).toBe('needs_auth');
    h.state.signedIn = true;
    await h.run(60_000, POLL_MS);
    expect(await job(h, row.id)).toMatchObject({ status: 'completed', taskId: 'task_7' });
    expect(h.creates.map((c) => c.prompt)).toEqual(['Another job, waiting its turn']);
  });

  it('reads drafts back past the intent, page by page, even when the task is far down', async () => {
    const h = createPipelineHarness({}, 6_000);
    h.state.draftPageSize = 2;
    const [row] = await queue(h, ['Deep in the drafts']);
    h.state.nextCreate = 'timeout';
    await h.run(1_000);
    // Five other tasks finished after ours, so its draft is on the third page.
    for (let i = 0; i < 5; i++) {
      h.tasks.push({
        id: `task_other_${i}`,
        kind: 'video',
        prompt: `Another video ${i}`,
        createdAt: h.clock.now - 5_000,
        doneAt: h.clock.now - 4_000 + i,
        outcome: 'done',
        spec: null,
      });
    }
    await h.run(POLL_MS, POLL_MS);
    expect(await job(h, row!.id)).toMatchObject({ status: 'generating', taskId: 'task_1' });
  });
});

describe('sending while a create is uncertain', () => {
  it('a job that could be mistaken for it (same prompt) waits; another prompt goes ahead', async () => {
    const h = createPipelineHarness({}, 6_000);
    const [lost, copy, other] = await queue(h, ['Same prompt', 'Same prompt', 'Another prompt']);
    h.state.nextCreate = 'hang';
    await h.run(1_000);
    await h.run(POLL_MS, POLL_MS);
    expect((await job(h, lost!.id)).status).toBe('reconciling');
    expect((await job(h, copy!.id)).status).toBe('queued');
    expect((await job(h, other!.id)).status).toBe('generating');
    await h.run(120_000, POLL_MS);
    expect(await h.statuses()).toEqual(['completed', 'completed', 'completed']);
    expect(h.tasks).toHaveLength(3);
    expect((await job(h, lost!.id)).extras).toEqual([]);
  });
});

describe('a match never takes what is not the job’s own', () => {
  it('another job’s task, and another job’s extra result, are never adopted', async () => {
    const h = createPipelineHarness({}, 30_000);
    const [a] = await queue(h, ['Two takes']);
    h.state.nextCreate = 'duplicate'; // job A's POST was resent: task_1 and task_2
    await h.run(1_000);
    await h.run(POLL_MS, POLL_MS);
    expect((await job(h, a!.id)).extras.map((e) => e.taskId)).toEqual(['task_1']);
    const b = makeJob({ seq: 2, createdAt: h.clock.now }, 'Two takes'); // a copy, same prompt
    await addJobs(h.db, [b]);
    h.state.nextCreate = 'network'; // B's create never reached Sora
    await h.run(POLL_MS, POLL_MS);
    expect((await job(h, b.id)).status).toBe('reconciling');
    await until(h, async () => (await job(h, b.id)).status !== 'reconciling', 90_000);
    await h.run(90_000, POLL_MS);
    const [doneA, doneB] = [await job(h, a!.id), await job(h, b.id)];
    expect(doneA).toMatchObject({ status: 'completed', taskId: 'task_2' });
    expect(doneB).toMatchObject({ status: 'completed', taskId: 'task_3' });
    expect(doneA.extras).toMatchObject([{ taskId: 'task_1', state: 'completed' }]);
  });

  it('a task with the same prompt but other echoed parameters is not the job’s', async () => {
    const h = createPipelineHarness({}, 6_000);
    const [row] = await queue(h, ['Same words, other length']);
    h.state.nextCreate = 'network';
    await h.run(1_000);
    h.tasks.push({
      id: 'task_elsewhere',
      kind: 'video',
      prompt: 'Same words, other length',
      createdAt: h.clock.now,
      doneAt: h.clock.now + 60_000,
      outcome: 'done',
      spec: { orientation: 'landscape', nFrames: 450 }, // the job asked for 300 frames
    });
    await h.run(90_000, POLL_MS);
    const done = await job(h, row!.id);
    expect(done.taskId).not.toBe('task_elsewhere');
    expect(done.extras).toEqual([]);
  });
});
