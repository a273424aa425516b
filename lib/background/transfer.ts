import { z } from 'zod/mini';
import { BatchRowSchema, EventRowSchema } from '../db/rows';
import type { SoraDb } from '../db/schema';
import { AppError } from '../errors';
import { type JobRow, JobRowSchema } from '../queue/job';

/** Marks our export files; `version` changes when the file's shape does. */
export const EXPORT_FORMAT = 'sora-companion-export';

/** The queue and history as a file: jobs (ids kept), their batches and their events. */
export const ExportFileSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.number(),
  jobs: z.array(JobRowSchema).check(z.maxLength(100_000)),
  batches: z._default(z.array(BatchRowSchema).check(z.maxLength(100_000)), []),
  events: z._default(z.array(z.omit(EventRowSchema, { id: true })).check(z.maxLength(1_000_000)), []),
});
export type ExportFile = z.infer<typeof ExportFileSchema>;

/** The file's envelope, checked first; its rows are then checked one by one. */
const EnvelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.number(),
  jobs: z.array(z.unknown()).check(z.maxLength(100_000)),
  batches: z._default(z.array(z.unknown()).check(z.maxLength(100_000)), []),
  events: z._default(z.array(z.unknown()).check(z.maxLength(1_000_000)), []),
});

/** Everything needed to restore the queue and history elsewhere (no tokens, no signed links). */
export async function exportData(db: SoraDb, now: number): Promise<ExportFile> {
  const [jobs, batches, events] = await Promise.all([
    db.jobs.orderBy('seq').toArray(),
    db.batches.toArray(),
    db.events.toArray(),
  ]);
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now,
    jobs,
    batches,
    events: events.map(({ id: _id, ...event }) => event),
  };
}

/** Why a file is not an export, in plain words (the first problem zod found). */
function describe(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
  return `This is not a Sora Companion export file${where}: ${issue?.message ?? 'invalid'}.`;
}

/** One job row of the file that could not be restored, with the reason in plain words. */
export interface RejectedJob {
  index: number;
  id: string | null;
  reason: string;
}

function rowProblem(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  return `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid'}`;
}

/**
 * Restores an export. The envelope must be ours; then each job is checked on its own, so one damaged
 * row is reported (with its position and reason) and never blocks the others. Ids are kept; a job
 * whose id already exists is skipped, never overwritten, so importing a file twice changes nothing.
 */
export async function importData(
  db: SoraDb,
  data: unknown,
): Promise<{ added: number; skipped: number; rejected: RejectedJob[] }> {
  const envelope = EnvelopeSchema.safeParse(data);
  if (!envelope.success) throw new AppError('bad_file', describe(envelope.error), { cause: envelope.error });
  const file = envelope.data;
  const rejected: RejectedJob[] = [];
  const jobs: JobRow[] = [];
  file.jobs.forEach((row, index) => {
    const parsed = JobRowSchema.safeParse(row);
    if (parsed.success) jobs.push(parsed.data);
    else {
      const id = typeof (row as { id?: unknown })?.id === 'string' ? (row as { id: string }).id : null;
      rejected.push({ index, id, reason: rowProblem(parsed.error) });
    }
  });
  const batches = file.batches.flatMap((b) => {
    const parsed = BatchRowSchema.safeParse(b);
    return parsed.success ? [parsed.data] : [];
  });
  const events = file.events.flatMap((e) => {
    const parsed = z.omit(EventRowSchema, { id: true }).safeParse(e);
    return parsed.success ? [parsed.data] : [];
  });
  return db.transaction('rw', [db.jobs, db.batches, db.events], async () => {
    const existing = new Set(
      (await db.jobs.bulkGet(jobs.map((j) => j.id))).flatMap((j) => (j ? [j.id] : [])),
    );
    const fresh = jobs.filter((j) => !existing.has(j.id));
    const freshIds = new Set(fresh.map((j) => j.id));
    await db.jobs.bulkAdd(fresh);
    const batchIds = new Set(fresh.flatMap((j) => (j.batchId ? [j.batchId] : [])));
    await db.batches.bulkPut(batches.filter((b) => batchIds.has(b.id)));
    await db.events.bulkAdd(events.filter((e) => freshIds.has(e.jobId)));
    return { added: fresh.length, skipped: existing.size, rejected };
  });
}
