import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BACKOFF } from '@/lib/backend/backoff';
import { makeJob } from '../helpers/jobs';
import { createRealPipeline } from '../helpers/real-stack';
import { fixture, json } from '../sora/helpers';

// Reliability docs/reliability.md §14 in the worker's own loop: the engine ticks every 3 s, the real client
// stack talks to a scripted backend, and fake timers stand in for the clock.

const PENDING = 'GET /backend/nf/pending/v2';
const DRAFTS = 'GET /backend/project_y/profile/drafts/v2';
const DRAFT = 'GET /backend/project_y/profile/drafts/v2/gen_01kn2a';
const CREATE = 'POST /backend/nf/create';
/** The task of the `drafts-page1` / `draft-by-id` fixtures. */
const TASK = 'task_01kn28krhqf1ham2nx633k7yt1';

const retryAfter7 = (status = 429): Response =>
  json(
    status,
    { error: { message: 'Too many requests, slow down.', code: 'rate_limited' } },
    { 'retry-after': '7' },
  );
const serverError = (): Response => json(502, { error: { message: 'Bad gateway' } });
const gap = (times: number[]): number => times[1]! - times[0]!;

beforeEach(() => {
  // fake-indexeddb schedules with setImmediate, which stays real.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(1_775_000_000_000);
});
afterEach(() => vi.useRealTimers());

describe('Retry-After in the worker loop (docs/reliability.md §14)', () => {
  it('polls, drafts and the media link each wait out their own Retry-After: 7 while the loop ticks every 3 s', async () => {
    const p = createRealPipeline({
      [PENDING]: [retryAfter7(), json(200, [])],
      [DRAFTS]: [retryAfter7(), json(200, fixture('drafts-page1'))],
      [DRAFT]: [retryAfter7(), json(200, fixture('draft-by-id'))],
    });
    const job = makeJob({ status: 'generating', taskId: TASK, createIntentAt: 1 }, 'A red fox');
    await p.start([job]);
    await p.advance(60_000);
    expect((await p.job(job.id)).status).toBe('completed');
    for (const route of [PENDING, DRAFTS, DRAFT]) {
      const times = p.sent(route);
      expect(times.length, route).toBeGreaterThanOrEqual(2);
      expect(gap(times), route).toBeGreaterThanOrEqual(7_000);
    }
    // The loop itself did not stop: it kept its 3 s rhythm for the endpoints that were not held.
    const pending = p.sent(PENDING);
    expect(pending[2]! - pending[1]!).toBeLessThanOrEqual(3_000);
  });

  it('create: a 503 with Retry-After: 7 holds every job’s create, not just the refused one', async () => {
    const p = createRealPipeline({
      [PENDING]: json(200, []),
      [CREATE]: [retryAfter7(503), json(200, fixture('create'))],
    });
    const jobs = [makeJob({ seq: 1 }, 'A red fox'), makeJob({ seq: 2 }, 'A grey wolf')];
    await p.start(jobs);
    await p.advance(30_000);
    const creates = p.sent(CREATE);
    expect(creates.length).toBeGreaterThanOrEqual(2);
    expect(gap(creates)).toBeGreaterThanOrEqual(7_000);
    // Both jobs were told to wait (the second one without a request going out).
    const second = await p.job(jobs[1]!.id);
    expect(second.attempts).toBeGreaterThanOrEqual(1);
  });
});

describe('the create retry policy, as the pipeline runs it (docs/reliability.md §14, docs/backend-facts.md §7.5)', () => {
  it('without Retry-After: full-jitter waits within [0, min(cap, base·2^n)], then the job fails with the reason', async () => {
    const draws = [0.9, 0.1, 0.7, 0.3, 0.95];
    const p = createRealPipeline(
      { [PENDING]: json(200, []), [CREATE]: serverError() },
      { random: () => draws.shift() ?? 0.5, settings: { pollIntervalSec: 1 } },
    );
    const job = makeJob({}, 'A red fox');
    const waits: number[] = [];
    const seen = new Set<number>();
    await p.start([job]);
    // Read each scheduled wait as the pipeline stored it, right after each failed create.
    for (let t = 0; t < 5 * 60_000; t += 250) {
      await p.advance(250, 250);
      const row = await p.job(job.id);
      if (row.status === 'queued' && row.attempts > 0 && !seen.has(row.attempts)) {
        seen.add(row.attempts);
        waits.push(row.nextRunAt - row.updatedAt);
      }
      if (row.status === 'failed') break;
    }
    const row = await p.job(job.id);
    expect(row.status).toBe('failed');
    expect(row.error?.message).toMatch(/temporary problem \(HTTP 502\)/);
    const expected = [0.9, 0.1, 0.7, 0.3, 0.95].map((r, n) =>
      Math.floor(r * Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** n)),
    );
    expect(waits).toEqual(expected);
    // The requests themselves are spaced at least that far apart, and stop after the budget.
    const creates = p.sent(CREATE);
    expect(creates).toHaveLength(DEFAULT_BACKOFF.maxAttempts + 1);
    for (const [n, at] of creates.slice(1).entries())
      expect(at - creates[n]!).toBeGreaterThanOrEqual(expected[n]!);
    await p.advance(10 * 60_000, 1_000);
    expect(p.sent(CREATE)).toHaveLength(DEFAULT_BACKOFF.maxAttempts + 1);
  });

  it('a create whose answer never comes is reconciled, not resent: the task found in pending is adopted', async () => {
    const [item] = fixture('pending') as { creation_config: object }[];
    const accepted = { ...item, creation_config: { ...item!.creation_config, orientation: 'landscape' } };
    const p = createRealPipeline(
      {
        [PENDING]: json(200, [accepted]),
        [DRAFTS]: json(200, { items: [], cursor: null }),
        [CREATE]: json(200, fixture('create')),
      },
      { hangs: { [CREATE]: 1 } },
    );
    const job = makeJob({}, 'A red fox');
    await p.start([job]);
    await p.advance(24_000);
    expect((await p.job(job.id)).status).toBe('submitting');
    await p.advance(2_000); // the 25 s request timeout has passed: the answer is lost
    expect(['reconciling', 'generating']).toContain((await p.job(job.id)).status);
    await p.advance(5 * 60_000);
    expect(p.sent(CREATE)).toHaveLength(1);
    expect(await p.job(job.id)).toMatchObject({
      status: 'generating',
      taskId: 'task_01kn28krhqf1ham2nx633k7yt6',
    });
  });

  it('a lost create is resent only after the account was looked at, never straight after the timeout', async () => {
    const p = createRealPipeline(
      {
        [PENDING]: json(200, []),
        [DRAFTS]: json(200, { items: [], cursor: null }),
        'GET /backend/v2/recent_tasks': json(200, { task_responses: [] }),
        [CREATE]: json(200, fixture('create')),
      },
      { hangs: { [CREATE]: 1 } },
    );
    const job = makeJob({}, 'A red fox');
    await p.start([job]);
    await p.advance(26_000);
    expect((await p.job(job.id)).status).toBe('reconciling');
    await p.advance(5 * 60_000);
    const [first, second] = p.sent(CREATE);
    const timedOutAt = first! + 25_000;
    expect(second).toBeDefined(); // nothing was found, so the job was sent again in the end…
    const looks = p.sent(PENDING).filter((at) => at >= timedOutAt && at < second!);
    expect(looks.length).toBeGreaterThanOrEqual(1); // …but only after looking for it
    expect(second! - timedOutAt).toBeGreaterThan(0);
  });
});
