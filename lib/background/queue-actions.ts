import { applyEvent, jobsIn } from '../db/jobs';
import type { EventRow, InputRow, ResultRow, SoraDb } from '../db/schema';
import { pruneInputs } from '../pipeline/inputs';
import { parsePrompt } from '../prompt/parse';
import type { StyleLists } from '../prompt/styles';
import type { JobRow } from '../queue/job';
import { isTerminal, PAUSABLE_STATUSES } from '../queue/status';
import { isEditable, type JobEvent } from '../queue/transition';
import { queuePausedItem } from '../settings/items';

/**
 * Moves a job to just before `beforeId` (or to the end). Only the moved row's `seq` changes: it takes
 * the midpoint between its new neighbours, so a drag writes one row, not the whole queue.
 */
export async function reorderJob(
  db: SoraDb,
  id: string,
  beforeId: string | null,
  now: number,
): Promise<number> {
  return db.transaction('rw', db.jobs, db.events, async () => {
    const job = await db.jobs.get(id);
    if (!job || id === beforeId) return 0;
    let seq: number;
    if (beforeId === null) seq = ((await db.jobs.orderBy('seq').last())?.seq ?? 0) + 1;
    else {
      const before = await db.jobs.get(beforeId);
      if (!before) return 0;
      const previous = await db.jobs.where('seq').below(before.seq).last();
      seq = previous ? (previous.seq + before.seq) / 2 : before.seq - 1;
    }
    return (await applyEvent(db, id, { type: 'reordered', seq }, now)) ? 1 : 0;
  });
}

/** Why an edit was refused, or null when it was saved (a failed or canceled job is then retried, as a new create). */
export async function editJob(
  db: SoraDb,
  params: { id: string; text: string; model: string },
  env: { now: number; styles: StyleLists },
): Promise<string | null> {
  type Outcome = { error: string; job?: undefined } | { job: JobRow; error?: undefined } | null;
  const outcome = await db.transaction('rw', db.jobs, db.events, async (): Promise<Outcome> => {
    const job = await db.jobs.get(params.id);
    if (!job || !isEditable(job)) return null;
    // The attached image or character video stays with the job; only the text and model change.
    const media = {
      images: job.request.kind === 'video' || job.request.kind === 'image' ? job.request.images : [],
      characterVideo: job.request.kind === 'video' ? job.request.characterVideo : null,
    };
    const parsed = parsePrompt(params.text, { model: params.model, styles: env.styles, ...media });
    if (!parsed.ok) return { error: parsed.error.message };
    const input = { text: params.text, model: params.model };
    const edited = await applyEvent(db, job.id, { type: 'edited', input, request: parsed.request }, env.now);
    return edited ? { job } : null;
  });
  if (outcome?.error !== undefined) return outcome.error;
  const saved = outcome?.job ?? null;
  if (!saved) return 'This job was already sent to Sora; it can no longer be edited.';
  if (isTerminal(saved.status)) await applyEvent(db, saved.id, { type: 'retry' }, env.now);
  return null;
}

/** The actions the queue's bulk bar offers. */
export type BulkAction = 'cancel' | 'retry' | 'pause' | 'resume' | 'remove' | 'first';

const EVENTS: Record<Exclude<BulkAction, 'remove' | 'first'>, JobEvent> = {
  cancel: { type: 'cancel' },
  retry: { type: 'retry' },
  pause: { type: 'pause' },
  resume: { type: 'resume' },
};

/** What a remove took away, kept (in the worker's memory) so "Undo" can put it back. */
export interface Removed {
  jobs: JobRow[];
  events: EventRow[];
  results: ResultRow[];
  inputs: InputRow[];
}

/** Removes finished jobs (done, failed, canceled) with their history and results; others are kept. */
export async function removeFinished(db: SoraDb, ids: readonly string[]): Promise<Removed> {
  return db.transaction('rw', [db.jobs, db.events, db.results, db.inputs], async () => {
    const jobs = (await db.jobs.bulkGet([...ids])).filter((j): j is JobRow => !!j && isTerminal(j.status));
    const gone = jobs.map((j) => j.id);
    const events = await db.events.where('jobId').anyOf(gone).toArray();
    const results = (await db.results.bulkGet(gone)).filter((r): r is ResultRow => !!r);
    const inputs = await db.inputs.where('jobIds').anyOf(gone).toArray();
    await db.jobs.bulkDelete(gone);
    await db.events.where('jobId').anyOf(gone).delete();
    await db.results.bulkDelete(gone);
    await pruneInputs(db); // inputs are shared between jobs: drop only those nothing needs any more
    return { jobs, events, results, inputs };
  });
}

/** Puts removed jobs back as they were (an input still in use keeps its other jobs). Returns how many. */
export async function restoreRemoved(db: SoraDb, removed: Removed): Promise<number> {
  return db.transaction('rw', [db.jobs, db.events, db.results, db.inputs], async () => {
    const present = new Set(
      (await db.jobs.bulkGet(removed.jobs.map((j) => j.id))).flatMap((j) => (j ? [j.id] : [])),
    );
    const jobs = removed.jobs.filter((j) => !present.has(j.id));
    const back = new Set(jobs.map((j) => j.id));
    await db.jobs.bulkPut(jobs);
    await db.events.bulkPut(removed.events.filter((e) => back.has(e.jobId)));
    await db.results.bulkPut(removed.results.filter((r) => back.has(r.jobId)));
    for (const input of removed.inputs) {
      const current = await db.inputs.get(input.id);
      const jobIds = [...new Set([...(current?.jobIds ?? []), ...input.jobIds])];
      await db.inputs.put({ ...input, jobIds });
    }
    return jobs.length;
  });
}

/** "Pause all": the queue itself stops starting jobs (new ones wait too) and waiting jobs show paused. */
export async function pauseQueue(db: SoraDb, now: number): Promise<number> {
  await queuePausedItem.setValue(true);
  let changed = 0;
  for (const job of await jobsIn(db, PAUSABLE_STATUSES))
    if (await applyEvent(db, job.id, { type: 'pause' }, now)) changed++;
  return changed;
}

/** "Resume all": the queue starts jobs again and every paused job is queued. */
export async function resumeQueue(db: SoraDb, now: number): Promise<number> {
  await queuePausedItem.setValue(false);
  let changed = 0;
  for (const job of await jobsIn(db, ['paused']))
    if (await applyEvent(db, job.id, { type: 'resume' }, now)) changed++;
  return changed;
}

/**
 * "Run next": the chosen jobs that have not started move ahead of everything else, keeping their
 * order among themselves (queue position is the priority the scheduler follows); a paused one is
 * resumed too, since "next" means it should run.
 */
async function moveToFront(db: SoraDb, ids: readonly string[], now: number): Promise<number> {
  const moved = await db.transaction('rw', db.jobs, db.events, async () => {
    // Not started: editable and not ended (an ended job has no place in the queue to move to).
    const chosen = (await db.jobs.bulkGet([...ids]))
      .filter((j): j is JobRow => !!j && isEditable(j) && !isTerminal(j.status))
      .sort((a, b) => a.seq - b.seq);
    const first = (await db.jobs.orderBy('seq').first())?.seq ?? 0;
    for (const [i, job] of chosen.entries())
      await applyEvent(db, job.id, { type: 'reordered', seq: first - chosen.length + i }, now);
    return chosen;
  });
  for (const job of moved) if (job.status === 'paused') await applyEvent(db, job.id, { type: 'resume' }, now);
  return moved.length;
}

/** Applies one action to many jobs; jobs the action does not apply to are skipped, not errors. */
export async function bulkAction(
  db: SoraDb,
  action: BulkAction,
  ids: readonly string[],
  now: number,
): Promise<number> {
  if (action === 'remove') return (await removeFinished(db, ids)).jobs.length;
  if (action === 'first') return moveToFront(db, ids, now);
  let changed = 0;
  for (const id of ids) if (await applyEvent(db, id, EVENTS[action], now)) changed++;
  return changed;
}
