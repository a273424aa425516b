import { describe, expect, it } from 'vitest';
import { addJobs, applyEvent } from '@/lib/db/jobs';
import { SoraDb } from '@/lib/db/schema';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

describe('leases', () => {
  it('two claimants racing for the same due job: exactly one wins, every time (docs/reliability.md §8)', async () => {
    const db = new SoraDb(`lease-${crypto.randomUUID()}`);
    const jobs = Array.from({ length: 1_000 }, (_, i) => makeJob({ seq: i + 1 }));
    await addJobs(db, jobs);
    for (const job of jobs) {
      const claim = { type: 'claim', leaseUntil: 60_000 } as const;
      const [a, b] = await Promise.all([applyEvent(db, job.id, claim, 1), applyEvent(db, job.id, claim, 1)]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
    }
  }, 60_000); // 2,000 transactions: seconds on a loaded machine

  it('an unexpired lease is left alone; an expired one is reconciled with the backend, never resent', async () => {
    const h = createPipelineHarness();
    const now = h.clock.now;
    await addJobs(h.db, [
      makeJob(
        { seq: 1, status: 'submitting', createIntentAt: now, leaseUntil: now + 60_000 },
        'Still leased',
      ),
      makeJob(
        { seq: 2, status: 'submitting', createIntentAt: now - 5_000, leaseUntil: now - 1 },
        'Worker died here',
      ),
    ]);
    // The dead worker's create did reach the backend before it died.
    h.tasks.push({
      id: 'task_99',
      kind: 'video',
      prompt: 'Worker died here',
      createdAt: now - 4_000,
      doneAt: now + 5_000,
      outcome: 'done',
      spec: null,
    });
    await h.run(1_000);
    const [leased, recovered] = await h.db.jobs.orderBy('seq').toArray();
    expect(leased!.status).toBe('submitting');
    expect(recovered).toMatchObject({ status: 'generating', taskId: 'task_99' });
    expect(h.creates).toHaveLength(0);
  });
});
