import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ExtraResult, JobRowSchema } from '@/lib/queue/job';
import { displayStatus, isTerminal, JOB_STATUSES, type JobStatus } from '@/lib/queue/status';
import { ATTEMPT_BUDGET, type JobEvent, phaseOf, transition } from '@/lib/queue/transition';
import { makeJob } from '../helpers/jobs';

const ERR = { code: 'retryable', message: 'temporary' };
const EVENTS: Record<JobEvent['type'], JobEvent> = {
  claim: { type: 'claim', leaseUntil: 99_000 },
  created: { type: 'created', taskId: 'task_1' },
  uncertain: { type: 'uncertain' },
  not_created: { type: 'not_created' },
  retry_later: { type: 'retry_later', error: ERR, delayMs: 5_000 },
  throttled: { type: 'throttled', untilMs: 20_000 },
  limit: { type: 'limit', resetAt: 50_000 },
  limit_reset: { type: 'limit_reset' },
  progress: { type: 'progress', progress: 40 },
  generated: { type: 'generated', generationId: 'gen_1' },
  produced: { type: 'produced' },
  download_intent: { type: 'download_intent', fileName: 'Sora Companion/x.mp4' },
  download_started: { type: 'download_started', downloadId: 7 },
  downloaded: { type: 'downloaded' },
  finished: { type: 'finished' },
  fail: { type: 'fail', error: { code: 'content_policy', message: 'Blocked' } },
  auth_lost: { type: 'auth_lost' },
  permission_lost: { type: 'permission_lost' },
  restored: { type: 'restored' },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
  cancel: { type: 'cancel' },
  retry: { type: 'retry' },
  looked: { type: 'looked' },
  lists_unreadable: { type: 'lists_unreadable' },
  extra_found: { type: 'extra_found', taskId: 'task_2' },
  extra_generated: { type: 'extra_generated', taskId: 'task_x', generationId: 'gen_x' },
  extra_download_intent: { type: 'extra_download_intent', taskId: 'task_x', fileName: 'x_2.mp4' },
  extra_download_started: { type: 'extra_download_started', taskId: 'task_x', downloadId: 8 },
  extra_done: { type: 'extra_done', taskId: 'task_x' },
  extra_failed: { type: 'extra_failed', taskId: 'task_x', error: ERR },
  extra_retry: { type: 'extra_retry', taskId: 'task_x', error: ERR },
  finalize_intent: { type: 'finalize_intent', username: 'kitty123', displayName: 'Kitty' },
  reordered: { type: 'reordered', seq: 0.5 },
  edited: {
    type: 'edited',
    input: { text: 'An edited prompt', model: 'sora2-landscape-10s' },
    request: makeJob({}, 'An edited prompt').request,
  },
  uploaded: { type: 'uploaded', uploads: [{ kind: 'upload', id: 'up_1' }] },
};

/** The extra result each extra event acts on, in the state it needs (the job's own state decides). */
const EXTRA_STATE: Partial<Record<JobEvent['type'], ExtraResult['state']>> = {
  extra_generated: 'generating',
  extra_download_intent: 'ready',
  extra_download_started: 'ready',
  extra_done: 'downloading',
  extra_failed: 'generating',
  extra_retry: 'downloading',
};

const anExtra = (state: ExtraResult['state'], taskId = 'task_x'): ExtraResult => ({
  taskId,
  foundAt: 1,
  state,
  generationId: state === 'generating' ? null : 'gen_x',
  download:
    state === 'generating' ? null : { fileName: 'x_2.mp4', downloadId: state === 'downloading' ? 8 : null },
  attempts: 0,
  error: null,
});

const EXTRA_EVENTS: JobEvent['type'][] = [...Object.keys(EXTRA_STATE), 'extra_found'] as JobEvent['type'][];
/** Events on a job's task (extras, finalize) need one; the others must not see it (phaseOf). */
const NEEDS_TASK = new Set<JobEvent['type']>([...EXTRA_EVENTS, 'finalize_intent']);
const sameFor = (status: JobStatus): Partial<Record<JobEvent['type'], JobStatus>> =>
  Object.fromEntries(EXTRA_EVENTS.map((type) => [type, status]));

// The whole transition table: for every state, the state each event leads to (absent = not allowed).
const TABLE: Record<JobStatus, Partial<Record<JobEvent['type'], JobStatus>>> = {
  queued: {
    claim: 'submitting',
    limit: 'waiting_limit',
    fail: 'failed',
    auth_lost: 'needs_auth',
    permission_lost: 'needs_permission',
    pause: 'paused',
    cancel: 'canceled',
  },
  paused: { resume: 'queued', fail: 'failed', cancel: 'canceled' },
  submitting: {
    created: 'generating',
    produced: 'ready',
    uncertain: 'reconciling',
    not_created: 'queued',
    retry_later: 'queued',
    throttled: 'queued',
    limit: 'waiting_limit',
    fail: 'failed',
    auth_lost: 'needs_auth',
    permission_lost: 'needs_permission',
    cancel: 'canceled',
  },
  reconciling: {
    looked: 'reconciling',
    lists_unreadable: 'reconciling',
    created: 'generating',
    not_created: 'queued',
    fail: 'failed',
    auth_lost: 'needs_auth',
    permission_lost: 'needs_permission',
    cancel: 'canceled',
  },
  generating: {
    ...sameFor('generating'),
    finalize_intent: 'generating',
    retry_later: 'generating',
    progress: 'generating',
    generated: 'ready',
    fail: 'failed',
    auth_lost: 'needs_auth',
    permission_lost: 'needs_permission',
    cancel: 'canceled',
  },
  ready: {
    ...sameFor('ready'),
    retry_later: 'ready',
    download_intent: 'ready',
    downloaded: 'completed',
    finished: 'completed',
    fail: 'failed',
    auth_lost: 'needs_auth',
    permission_lost: 'needs_permission',
    cancel: 'canceled',
  },
  downloading: {
    ...sameFor('downloading'),
    retry_later: 'ready',
    downloaded: 'completed',
    fail: 'failed',
    auth_lost: 'needs_auth',
    permission_lost: 'needs_permission',
    cancel: 'canceled',
  },
  completed: {},
  failed: { retry: 'queued' },
  canceled: { retry: 'queued' },
  needs_auth: { restored: 'queued', fail: 'failed', cancel: 'canceled' },
  waiting_limit: {
    limit_reset: 'queued',
    fail: 'failed',
    auth_lost: 'needs_auth',
    pause: 'paused',
    cancel: 'canceled',
  },
  needs_permission: { restored: 'queued', fail: 'failed', cancel: 'canceled' },
};

// Moving a job and editing one that was not sent (or has ended) keep its state; uploads are
// recorded while it is being submitted.
for (const status of JOB_STATUSES) TABLE[status].reordered = status;
for (const status of ['queued', 'paused', 'waiting_limit', 'needs_auth', 'failed', 'canceled'] as const)
  TABLE[status].edited = status;
TABLE.submitting.uploaded = 'submitting';

describe('transition table', () => {
  for (const status of JOB_STATUSES) {
    for (const [type, event] of Object.entries(EVENTS)) {
      const expected = TABLE[status][type as JobEvent['type']];
      it(`${status} + ${type} → ${expected ?? 'refused'}`, () => {
        // `download_started` needs a recorded intent; give every state one so only the state decides.
        const kind = type as JobEvent['type'];
        const extraState = EXTRA_STATE[kind];
        const job = makeJob({
          status,
          download: { fileName: 'f.mp4', downloadId: null },
          ...(NEEDS_TASK.has(kind) ? { taskId: 'task_1' } : {}),
          ...(extraState ? { extras: [anExtra(extraState)] } : {}),
        });
        const next = transition(job, event, 10_000);
        if (type === 'download_started') {
          expect(next?.status ?? null).toBe(status === 'ready' ? 'downloading' : null);
          return;
        }
        expect(next?.status ?? null).toBe(expected ?? null);
        if (next) {
          expect(next.version).toBe(job.version + 1);
          expect(() => JobRowSchema.parse(next)).not.toThrow();
        }
      });
    }
  }
});

describe('transition details', () => {
  it('records the create intent on claim and forgets it when the create surely did not happen', () => {
    const claimed = transition(makeJob(), EVENTS.claim, 5_000)!;
    expect(claimed.createIntentAt).toBe(5_000);
    expect(transition(claimed, EVENTS.throttled, 6_000)).toMatchObject({
      status: 'queued',
      createIntentAt: null,
      nextRunAt: 20_000,
    });
  });

  it('counts attempts and schedules retries; a spent budget fails the job', () => {
    const submitting = makeJob({ status: 'submitting', attempts: 2 });
    expect(transition(submitting, EVENTS.retry_later, 1_000)).toMatchObject({
      status: 'queued',
      attempts: 3,
      nextRunAt: 6_000,
      error: ERR,
    });
    const spent = transition(submitting, { type: 'retry_later', error: ERR, delayMs: null }, 1_000)!;
    expect(spent).toMatchObject({ status: 'failed', error: ERR, finishedAt: 1_000 });
  });

  it('progress never goes backwards and stays within 0–100', () => {
    const job = makeJob({ status: 'generating', progress: 60 });
    expect(transition(job, { type: 'progress', progress: 30 }, 1)!.progress).toBe(60);
    expect(transition(job, { type: 'progress', progress: 250 }, 1)!.progress).toBe(100);
  });

  it('a waiting state ends in the phase the recorded facts say', () => {
    expect(phaseOf(makeJob())).toBe('queued');
    expect(phaseOf(makeJob({ createIntentAt: 1 }))).toBe('reconciling');
    expect(phaseOf(makeJob({ taskId: 't' }))).toBe('generating');
    expect(phaseOf(makeJob({ taskId: 't', generationId: 'g' }))).toBe('ready');
    expect(
      phaseOf(makeJob({ taskId: 't', generationId: 'g', download: { fileName: 'f', downloadId: 3 } })),
    ).toBe('downloading');
    const held = transition(makeJob({ status: 'generating', taskId: 't' }), EVENTS.auth_lost, 1)!;
    expect(transition(held, EVENTS.restored, 2)!.status).toBe('generating');
  });

  it('a job left submitting by a dead worker keeps its intent when held: reconciled afterwards, not resent', () => {
    // A create answered 401 is `not_created` (queued) before auth_lost; still submitting = unknown fate.
    for (const hold of [EVENTS.auth_lost, EVENTS.permission_lost]) {
      const held = transition(makeJob({ status: 'submitting', createIntentAt: 5 }), hold, 6)!;
      expect(held.createIntentAt).toBe(5);
      expect(transition(held, EVENTS.restored, 7)).toMatchObject({
        status: 'reconciling',
        reconcile: { lostAt: 6, since: 7, looks: 0 },
      });
    }
    const refused = transition(makeJob({ status: 'submitting', createIntentAt: 5 }), EVENTS.not_created, 6)!;
    expect(transition(transition(refused, EVENTS.auth_lost, 7)!, EVENTS.restored, 8)!.status).toBe('queued');
  });

  it('the look-out for a lost answer starts when it was lost, counts looks, and restarts when nobody could look', () => {
    const lost = transition(
      makeJob({ status: 'submitting', createIntentAt: 1_000 }),
      EVENTS.uncertain,
      26_000,
    )!;
    expect(lost.reconcile).toEqual({ lostAt: 26_000, since: 26_000, looks: 0 });
    const twice = transition(transition(lost, EVENTS.looked, 27_000)!, EVENTS.looked, 28_000)!;
    expect(twice.reconcile?.looks).toBe(2);
    const blind = transition(twice, EVENTS.lists_unreadable, 40_000)!;
    expect(blind.reconcile).toEqual({ lostAt: 26_000, since: 40_000, looks: 0 });
    const held = transition(transition(twice, EVENTS.auth_lost, 41_000)!, EVENTS.restored, 90_000)!;
    expect(held).toMatchObject({
      status: 'reconciling',
      reconcile: { lostAt: 26_000, since: 90_000, looks: 0 },
    });
    expect(transition(twice, EVENTS.created, 29_000)!.reconcile).toBeNull();
    expect(transition(twice, EVENTS.not_created, 29_000)!.reconcile).toBeNull();
  });

  it('a job with an extra result completes only once the extra is saved or failed', () => {
    const job = makeJob({ status: 'downloading', taskId: 'task_1', extras: [anExtra('downloading')] });
    expect(transition(job, EVENTS.downloaded, 1)).toBeNull();
    const saved = transition(job, EVENTS.extra_done, 2)!;
    expect(saved.extras[0]!.state).toBe('completed');
    expect(transition(saved, EVENTS.downloaded, 3)!.status).toBe('completed');
    const failed = transition(job, EVENTS.extra_failed, 2)!;
    expect(transition(failed, EVENTS.downloaded, 3)!.status).toBe('completed');
    const ready = makeJob({ status: 'ready', taskId: 'task_1', extras: [anExtra('ready')] });
    expect(transition(ready, EVENTS.finished, 1)).toBeNull();
  });

  it('an extra is never the job’s own task nor found twice; a broken download goes back to ready', () => {
    const job = makeJob({ status: 'generating', taskId: 'task_1' });
    expect(transition(job, { type: 'extra_found', taskId: 'task_1' }, 1)).toBeNull();
    const found = transition(job, EVENTS.extra_found, 1)!;
    expect(found.extras).toMatchObject([{ taskId: 'task_2', state: 'generating', foundAt: 1 }]);
    expect(transition(found, EVENTS.extra_found, 2)).toBeNull();
    const ready = makeJob({ status: 'ready', taskId: 't', extras: [anExtra('downloading')] });
    const retried = transition(ready, EVENTS.extra_retry, 3)!;
    expect(retried.extras[0]).toMatchObject({ state: 'ready', download: null, attempts: 1, error: ERR });
  });

  it('retry clears everything the failed attempt learned', () => {
    const failed = makeJob({
      status: 'failed',
      taskId: 't',
      generationId: 'g',
      attempts: 4,
      progress: 80,
      error: ERR,
      finishedAt: 9,
      extras: [anExtra('completed')],
      finalizeIntent: { cameoId: 't', username: 'u123', displayName: 'U', at: 3 },
    });
    expect(transition(failed, EVENTS.retry, 10)).toMatchObject({
      extras: [],
      finalizeIntent: null,
      reconcile: null,
      status: 'queued',
      taskId: null,
      generationId: null,
      attempts: 0,
      progress: 0,
      error: null,
      finishedAt: null,
    });
  });

  it('every internal state maps to exactly one UI status', () => {
    const shown = JOB_STATUSES.map(displayStatus);
    expect(shown).toHaveLength(JOB_STATUSES.length);
    expect(displayStatus('reconciling')).toBe('submitting');
    expect(displayStatus('ready')).toBe('downloading');
    expect(displayStatus('needs_auth')).toBe('waiting-login');
  });
});

describe('state machine properties', () => {
  const others = Object.values(EVENTS).filter((e) => !['retry', 'retry_later', 'claim'].includes(e.type));
  // Retries and claims come often, so sequences do reach and pass the budget.
  const eventArb = fc.oneof(
    { weight: 6, arbitrary: fc.constant(EVENTS.retry_later) },
    { weight: 3, arbitrary: fc.constant(EVENTS.claim) },
    { weight: 4, arbitrary: fc.constantFrom(...others) },
  );
  // Callers' delays as they come (any number, sometimes null): the budget is the state machine's job.
  const delayArb = fc.option(fc.nat({ max: 120_000 }), { nil: null, freq: 10 });

  it('no job leaves a terminal state, versions strictly increase, attempts never exceed the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(eventArb, delayArb), { maxLength: 80, size: 'max' }), (steps) => {
        let job = makeJob();
        let now = 1_000;
        for (const [raw, delayMs] of steps) {
          now += 100;
          const event: JobEvent = raw.type === 'retry_later' ? { ...raw, delayMs } : raw;
          const next = transition(job, event, now);
          // A terminal job may be moved or edited (a retry of an edited one is a new create), never left.
          if (isTerminal(job.status) && event.type !== 'reordered' && event.type !== 'edited')
            expect(next).toBeNull();
          if (isTerminal(job.status) && next) expect(next.status).toBe(job.status);
          if (next) {
            expect(next.version).toBeGreaterThan(job.version);
            expect(next.attempts).toBeLessThanOrEqual(ATTEMPT_BUDGET);
            if (event.type === 'retry_later' && job.attempts >= ATTEMPT_BUDGET)
              expect(next.status).toBe('failed');
            expect(JobRowSchema.safeParse(next).success).toBe(true);
            job = next;
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a retry with the budget spent fails the job, even when the caller asked for a delay', () => {
    for (const status of ['submitting', 'generating', 'ready', 'downloading'] as const) {
      const spent = makeJob({ status, attempts: ATTEMPT_BUDGET });
      expect(transition(spent, EVENTS.retry_later, 2_000)).toMatchObject({
        status: 'failed',
        attempts: ATTEMPT_BUDGET,
      });
      const left = makeJob({ status, attempts: ATTEMPT_BUDGET - 1 });
      expect(transition(left, EVENTS.retry_later, 2_000)).toMatchObject({ attempts: ATTEMPT_BUDGET });
    }
  });
});
