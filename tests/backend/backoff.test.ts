import { describe, expect, it } from 'vitest';
import { type BackoffPolicy, backoffDelay, DEFAULT_BACKOFF } from '@/lib/backend/backoff';
import { SoraDb } from '@/lib/db/schema';
import { settleDownload } from '@/lib/pipeline/download';
import { createFakeDownloads } from '../helpers/fake-downloads';
import { makeJob } from '../helpers/jobs';

const policy: BackoffPolicy = { baseMs: 1000, capMs: 8000, maxAttempts: 6 };

describe('backoffDelay: exponential, full jitter, cap, Retry-After floor (docs/backend-facts.md §7.5)', () => {
  it('the ceiling doubles per attempt and stops at the cap', () => {
    const top = (attempt: number) => backoffDelay(attempt, policy, () => 0.999_999);
    expect([0, 1, 2, 3, 4, 5].map(top)).toEqual([999, 1999, 3999, 7999, 7999, 7999]);
  });

  it('full jitter: anywhere from 0 to the ceiling', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(4000);
  });

  it('Retry-After is a floor, even above the cap', () => {
    expect(backoffDelay(0, policy, () => 0.1, 5000)).toBe(5000);
    expect(backoffDelay(5, policy, () => 0.9, 60_000)).toBe(60_000);
    expect(backoffDelay(5, policy, () => 0.9, 10)).toBe(7200);
  });

  it('null once the attempts are spent', () => {
    expect(backoffDelay(6, policy, () => 0.5)).toBeNull();
  });

  it('is pure: the same random source gives the same delays', () => {
    const seq = () => {
      let x = 0.1;
      return () => (x = (x * 7.3) % 1);
    };
    const a = seq();
    const b = seq();
    const run = (r: () => number) => [0, 1, 2, 3].map((n) => backoffDelay(n, policy, r));
    expect(run(a)).toEqual(run(b));
  });

  // The policy as the product applies it: the create retries are driven through the worker loop in
  // tests/pipeline/retry-policy.test.ts; here, the download retry (settleDownload) after interruptions.
  it('an interrupted download is retried after full-jitter waits, then fails once the budget is spent', async () => {
    const db = new SoraDb(`backoff-${crypto.randomUUID()}`);
    const draws = [0.25, 0.5, 0.75, 1 - 1e-9, 0.1];
    const downloads = createFakeDownloads();
    const deps = { db, random: () => draws.shift() ?? 0.5, downloads: downloads.port };
    const job = makeJob({ status: 'downloading', taskId: 't', generationId: 'g' });
    await db.jobs.add({ ...job, download: { fileName: 'f.mp4', downloadId: 1 } });
    const interrupted = {
      id: 1,
      filename: 'f.mp4',
      state: 'interrupted' as const,
      error: 'NETWORK_FAILED',
      canResume: false,
    };
    const waits: number[] = [];
    for (let n = 0; n <= DEFAULT_BACKOFF.maxAttempts; n++) {
      const now = 10_000 * (n + 1);
      const row = (await db.jobs.get(job.id))!;
      await settleDownload(deps, row, interrupted, now, { sidecar: false });
      const after = (await db.jobs.get(job.id))!;
      if (after.status === 'failed') break;
      expect(after.status).toBe('ready');
      waits.push(after.nextRunAt - now);
      // The pipeline would download again; put the job back into `downloading` for the next interruption.
      await db.jobs.put({ ...after, status: 'downloading', download: { fileName: 'f.mp4', downloadId: 1 } });
    }
    const ceilings = [0, 1, 2, 3, 4].map((n) =>
      Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** n),
    );
    expect(waits).toEqual([0.25, 0.5, 0.75, 1 - 1e-9, 0.1].map((r, n) => Math.floor(r * ceilings[n]!)));
    for (const [n, wait] of waits.entries()) expect(wait).toBeLessThanOrEqual(ceilings[n]!);
    const final = (await db.jobs.get(job.id))!;
    expect(final).toMatchObject({ status: 'failed', error: { code: 'download' } });
    expect(final.error?.message).toMatch(/interrupted \(NETWORK_FAILED\)/);
  });
});
