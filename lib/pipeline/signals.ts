import type { SoraDb } from '../db/schema';
import type { BadgeFace, JobSignal, SignalPorts } from '../platform/signals';
import type { JobRow } from '../queue/job';
import type { QueueSummary } from '../queue/summary';
import { requestPrompt } from './spec';

// The ports are the adapter's (lib/platform/signals.ts): the pipeline depends on them, never the reverse.
export type { BadgeFace, JobSignal, SignalPorts } from '../platform/signals';

/** A finished job as a signal. */
export function toSignal(job: JobRow): JobSignal {
  return {
    event: job.status === 'completed' ? 'job.completed' : 'job.failed',
    jobId: job.id,
    prompt: requestPrompt(job.request),
    model: job.input.model,
    taskId: job.taskId,
    generationId: job.generationId,
    fileName: job.download?.fileName ?? null,
    error: job.error?.message ?? null,
    finishedAt: new Date(job.finishedAt ?? job.updatedAt).toISOString(),
  };
}

/**
 * Sends notifications and webhooks for jobs that finished after `cursor` and returns the new cursor.
 * The cursor is stored by the caller, so a worker killed mid-way repeats at most a few signals
 * (the webhook body carries `jobId` for the receiver to de-duplicate) and never skips one.
 */
export async function emitSignals(
  db: SoraDb,
  ports: SignalPorts,
  opts: { cursor: number; notifications: boolean; webhookUrl: string },
): Promise<number> {
  const finished = await db.jobs.where('finishedAt').above(opts.cursor).sortBy('finishedAt');
  let cursor = opts.cursor;
  for (const job of finished) {
    if (job.status !== 'completed' && job.status !== 'failed') continue;
    const signal = toSignal(job);
    if (opts.notifications) await ports.notify(signal).catch(() => undefined);
    if (opts.webhookUrl) await ports.webhook(opts.webhookUrl, signal).catch(() => undefined);
    cursor = Math.max(cursor, job.finishedAt ?? cursor);
  }
  return cursor;
}

/** Badge text and colour: running jobs, or failures when nothing runs. */
export function badgeFor(summary: QueueSummary): BadgeFace {
  const c = summary.counts;
  const running = c.submitting + c.generating + c.downloading;
  if (running > 0) return { text: String(running), color: '#0b57d0' };
  if (c.failed > 0) return { text: String(c.failed), color: '#b3261e' };
  return { text: '', color: '#0b57d0' };
}
