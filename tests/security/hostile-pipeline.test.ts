import { describe, expect, it } from 'vitest';
import { addJobs } from '@/lib/db/jobs';
import { SoraError } from '@/lib/sora/errors';
import { makeJob } from '../helpers/jobs';
import { createPipelineHarness } from '../helpers/pipeline';

/** What http.ts now produces for a redirect, an oversized body, malformed JSON or a wrong shape. */
const garbage = (message: string): SoraError =>
  new SoraError({ code: 'bad_response', message, endpoint: 'pending', status: 200 });

/** Ticks like the engine does: a tick that throws is logged and the next one comes anyway. */
async function runThroughErrors(h: ReturnType<typeof createPipelineHarness>, ms: number, step = 1_000) {
  let failedTicks = 0;
  for (let elapsed = 0; elapsed < ms; elapsed += step) {
    h.clock.now += step;
    await h.ticker.tick().catch(() => failedTicks++);
    h.downloads.complete();
  }
  return failedTicks;
}

describe('hostile answers to the shared poll', () => {
  it.each([
    'pending answered with a redirect to evil.example; it was not followed.',
    'pending answered with more than 4 MB; the answer was refused.',
    'pending answered with something that is not JSON.',
  ])('a poll that once answers "%s" does not stop the job', async (message) => {
    const h = createPipelineHarness({}, 5_000);
    await addJobs(h.db, [makeJob({ createdAt: h.clock.now })]);
    await runThroughErrors(h, 2_000);
    h.state.pollError = garbage(message);
    expect(await runThroughErrors(h, 3_000)).toBeGreaterThan(0);
    h.state.pollError = null;
    await runThroughErrors(h, 15_000);
    expect(await h.statuses()).toEqual(['completed']);
    expect(h.creates).toHaveLength(1);
  });

  // When every poll answers garbage the engine logs and tries again every poll interval (no tight
  // loop), and after POLL_FAILURE_LIMIT_MS the jobs the poll follows fail with the poll's reason.
  it('a poll that always answers garbage: within 30 minutes the job says so or fails', async () => {
    const h = createPipelineHarness({}, 5_000);
    await addJobs(h.db, [makeJob({ createdAt: h.clock.now })]);
    await runThroughErrors(h, 2_000);
    h.state.pollError = garbage('pending answered with something that is not JSON.');
    await runThroughErrors(h, 30 * 60_000, 10_000);
    const [job] = await h.db.jobs.toArray();
    expect(job!.status === 'failed' || job!.error !== null).toBe(true);
  });
});
