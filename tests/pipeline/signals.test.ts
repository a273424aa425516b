import { describe, expect, it, vi } from 'vitest';
import { addJobs } from '@/lib/db/jobs';
import { SoraDb } from '@/lib/db/schema';
import { badgeFor, emitSignals, type SignalPorts } from '@/lib/pipeline/signals';
import { emptySummary } from '@/lib/queue/summary';
import { makeJob } from '../helpers/jobs';

function ports(): SignalPorts & { notify: ReturnType<typeof vi.fn>; webhook: ReturnType<typeof vi.fn> } {
  return {
    notify: vi.fn(async () => undefined),
    webhook: vi.fn(async () => undefined),
    badge: vi.fn(async () => undefined),
  };
}

describe('finished-job signals', () => {
  it('notifies and posts each job finished after the cursor once, and advances the cursor', async () => {
    const db = new SoraDb(`signals-${crypto.randomUUID()}`);
    await addJobs(db, [
      makeJob({ seq: 1, status: 'completed', finishedAt: 100, taskId: 't1', generationId: 'g1' }, 'Old one'),
      makeJob(
        {
          seq: 2,
          status: 'completed',
          finishedAt: 300,
          taskId: 't2',
          generationId: 'g2',
          download: { fileName: 'a/b.mp4', downloadId: 3 },
        },
        'New one',
      ),
      makeJob(
        { seq: 3, status: 'failed', finishedAt: 400, error: { code: 'content_policy', message: 'Blocked' } },
        'Refused one',
      ),
      makeJob({ seq: 4, status: 'canceled', finishedAt: 500 }, 'Canceled one'),
      makeJob({ seq: 5, status: 'generating' }, 'Running one'),
    ]);
    const p = ports();
    const cursor = await emitSignals(db, p, {
      cursor: 200,
      notifications: true,
      webhookUrl: 'https://hooks.example/sora',
    });
    expect(cursor).toBe(400);
    expect(p.notify.mock.calls.map(([s]) => [s.event, s.prompt])).toEqual([
      ['job.completed', 'New one'],
      ['job.failed', 'Refused one'],
    ]);
    expect(p.webhook).toHaveBeenCalledTimes(2);
    expect(p.webhook.mock.calls[0]![1]).toMatchObject({
      jobId: expect.any(String),
      taskId: 't2',
      generationId: 'g2',
      fileName: 'a/b.mp4',
    });
    expect(p.webhook.mock.calls[1]![1]).toMatchObject({ event: 'job.failed', error: 'Blocked' });
    const again = await emitSignals(db, p, {
      cursor,
      notifications: true,
      webhookUrl: 'https://hooks.example/sora',
    });
    expect(again).toBe(400);
    expect(p.notify).toHaveBeenCalledTimes(2);
  });

  it('sends nothing the user did not turn on, and a failing webhook does not stop the others', async () => {
    const db = new SoraDb(`signals-${crypto.randomUUID()}`);
    await addJobs(db, [
      makeJob({ seq: 1, status: 'completed', finishedAt: 10 }),
      makeJob({ seq: 2, status: 'completed', finishedAt: 20 }),
    ]);
    const p = ports();
    p.webhook.mockRejectedValueOnce(new Error('offline'));
    expect(
      await emitSignals(db, p, { cursor: 0, notifications: false, webhookUrl: 'https://x.example' }),
    ).toBe(20);
    expect(p.notify).not.toHaveBeenCalled();
    expect(p.webhook).toHaveBeenCalledTimes(2);
  });

  it('the badge shows running jobs, else failures', () => {
    const s = emptySummary();
    expect(badgeFor(s).text).toBe('');
    s.counts.failed = 2;
    expect(badgeFor(s)).toEqual({ text: '2', color: '#b3261e' });
    s.counts.generating = 3;
    expect(badgeFor(s).text).toBe('3');
  });
});
