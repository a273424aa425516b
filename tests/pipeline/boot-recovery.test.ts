import { describe, expect, it } from 'vitest';
import { addJobs } from '@/lib/db/jobs';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

/** A job left `submitting` with a lease that still runs (the worker holding it may be alive or dead). */
const submitting = (claimedAt: number) =>
  makeJob({ status: 'submitting', createIntentAt: claimedAt, leaseUntil: claimedAt + 60_000, attempts: 1 });

describe('a worker that starts finds the creates its dead predecessor left', () => {
  it('reconciles a claim made before it started at once, without waiting out the lease', async () => {
    const t = createPipelineHarness(); // this worker started now
    await addJobs(t.db, [submitting(t.clock.now - 2_000)]);
    t.clock.now += 1_000;
    await t.ticker.tick();
    expect(await t.statuses()).toEqual(['reconciling']);
  });

  it('leaves its own claim alone until the lease runs out (the create may still be in flight)', async () => {
    const t = createPipelineHarness();
    await addJobs(t.db, [submitting(t.clock.now + 500)]);
    t.clock.now += 1_000;
    await t.ticker.tick();
    expect(await t.statuses()).toEqual(['submitting']);
  });
});
