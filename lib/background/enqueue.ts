import { addJobs, nextSeq } from '../db/jobs';
import type { SoraDb } from '../db/schema';
import { unsupportedReason } from '../pipeline/spec';
import { parsePrompt } from '../prompt/parse';
import type { StyleLists } from '../prompt/styles';
import type { JobRow } from '../queue/job';
import type { RejectedItem, RpcParams, RpcResults } from '../rpc/contract';

/** A fresh queued row for a parsed request. */
function newJob(
  item: { text: string; model: string },
  request: JobRow['request'],
  seq: number,
  now: number,
  batch: { id: string; index: number } | null,
): JobRow {
  return {
    id: crypto.randomUUID(),
    batchId: batch?.id ?? null,
    batchIndex: batch?.index ?? null,
    seq,
    createdAt: now,
    updatedAt: now,
    version: 0,
    status: 'queued',
    input: { text: item.text, model: item.model },
    request,
    uploads: [],
    dependsOn: null,
    attempts: 0,
    nextRunAt: now,
    leaseUntil: null,
    createIntentAt: null,
    taskId: null,
    generationId: null,
    progress: 0,
    download: null,
    waitUntil: null,
    error: null,
    finishedAt: null,
  };
}

/**
 * Parses every item on its own and queues the valid ones: one bad item is reported with its index
 * and reason and never blocks the others.
 */
export async function enqueue(
  db: SoraDb,
  params: RpcParams<'enqueue'>,
  env: { now: number; styles: StyleLists },
): Promise<RpcResults['enqueue']> {
  const rejected: RejectedItem[] = [];
  const warnings: string[] = [];
  const jobs: JobRow[] = [];
  let seq = await nextSeq(db);
  const batchId = params.items.length > 1 ? crypto.randomUUID() : null;
  params.items.forEach((item, index) => {
    const parsed = parsePrompt(item.text, { model: item.model, styles: env.styles });
    if (!parsed.ok) {
      rejected.push({ index, code: parsed.error.code, message: parsed.error.message });
      return;
    }
    const unsupported = unsupportedReason(parsed.request);
    if (unsupported) {
      rejected.push({ index, code: 'unsupported_mode', message: unsupported });
      return;
    }
    warnings.push(...parsed.warnings);
    const batch = batchId ? { id: batchId, index: jobs.length + 1 } : null;
    jobs.push(newJob(item, parsed.request, seq++, env.now, batch));
  });
  if (jobs.length > 0) {
    const batch =
      batchId === null
        ? null
        : {
            id: batchId,
            createdAt: env.now,
            source: params.source ?? 'paste',
            name: params.batchName ?? `${jobs.length} prompts`,
            total: jobs.length,
          };
    await addJobs(db, jobs, batch);
  }
  return { ids: jobs.map((j) => j.id), rejected, warnings };
}
