import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  bulkAction,
  pauseQueue,
  removeFinished,
  restoreRemoved,
  resumeQueue,
} from '@/lib/background/queue-actions';
import { addJobs } from '@/lib/db/jobs';
import { queuePausedItem } from '@/lib/settings/items';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

beforeEach(() => fakeBrowser.reset());

describe('queue-level pause', () => {
  it('holds jobs queued after "Pause all" until "Resume all", and starts them then', async () => {
    const h = createPipelineHarness({}, 2_000);
    await addJobs(h.db, [makeJob({ seq: 1, createdAt: h.clock.now }, 'Before the pause')]);
    expect(await pauseQueue(h.db, h.clock.now)).toBe(1);
    expect(await queuePausedItem.getValue()).toBe(true);
    // Queued while paused: it must wait too.
    await addJobs(h.db, [makeJob({ seq: 2, createdAt: h.clock.now }, 'During the pause')]);
    await h.run(10_000, 1_000);
    expect(h.creates).toHaveLength(0);
    expect((await h.statuses()).sort()).toEqual(['paused', 'queued']);
    expect(await resumeQueue(h.db, h.clock.now)).toBe(1);
    await h.run(20_000, 1_000);
    expect(h.creates).toHaveLength(2);
    expect(await h.statuses()).toEqual(['completed', 'completed']);
  });
});

describe('"Run next" and undo', () => {
  it('"Run next" resumes a paused job as it moves it to the front', async () => {
    const h = createPipelineHarness({}, 2_000);
    await addJobs(h.db, [
      makeJob({ id: 'a', seq: 1 }, 'A'),
      makeJob({ id: 'b', seq: 2, status: 'paused' }, 'B'),
    ]);
    expect(await bulkAction(h.db, 'first', ['b'], 1)).toBe(1);
    const b = await h.db.jobs.get('b');
    expect(b?.status).toBe('queued');
    expect((await h.db.jobs.orderBy('seq').first())?.id).toBe('b');
  });

  it('restores removed jobs with their events and results', async () => {
    const h = createPipelineHarness({}, 2_000);
    await addJobs(h.db, [
      makeJob({ id: 'a', seq: 1, status: 'completed' }, 'A'),
      makeJob({ id: 'b', seq: 2 }, 'B'),
    ]);
    await h.db.events.add({ jobId: 'a', at: 1, type: 'downloaded', status: 'completed', detail: null });
    const events = await h.db.events.where('jobId').equals('a').count();
    const removed = await removeFinished(h.db, ['a', 'b']);
    expect(await h.db.events.where('jobId').equals('a').count()).toBe(0);
    expect(removed.jobs.map((j) => j.id)).toEqual(['a']);
    expect(await h.db.jobs.count()).toBe(1);
    expect(await restoreRemoved(h.db, removed)).toBe(1);
    expect((await h.db.jobs.orderBy('seq').toArray()).map((j) => j.id)).toEqual(['a', 'b']);
    expect(await h.db.events.where('jobId').equals('a').count()).toBe(events);
  });
});
