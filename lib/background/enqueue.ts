import { addJobs, nextSeq } from '../db/jobs';
import type { SoraDb } from '../db/schema';
import { storeInput } from '../pipeline/inputs';
import { isPromptError } from '../prompt/errors';
import { checkMedia } from '../prompt/media';
import { parseModelName } from '../prompt/models';
import { type ParseResult, parsePrompt } from '../prompt/parse';
import type { JobRequest, MediaRef } from '../prompt/request';
import type { StyleLists } from '../prompt/styles';
import type { JobRow } from '../queue/job';
import type { RejectedItem, RpcParams, RpcResults } from '../rpc/contract';

type Item = RpcParams<'enqueue'>['items'][number];

/** A fresh queued row for a parsed request. */
function newJob(item: Item, request: JobRequest, seq: number, now: number, dependsOn: string | null): JobRow {
  return {
    id: crypto.randomUUID(),
    batchId: null,
    batchIndex: null,
    seq,
    createdAt: now,
    updatedAt: now,
    version: 0,
    status: 'queued',
    input: { text: item.text, model: item.model },
    request,
    uploads: [],
    dependsOn,
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

/** An item as a request: a video with no text is a character on its own (seed: "video alone"). */
function parseItem(item: Item, styles: StyleLists): ParseResult {
  const video = item.characterVideo;
  if (item.text.trim() === '' && video && (item.images ?? []).length === 0) {
    try {
      checkMedia('video', video.mime, video.approxBytes);
      return {
        ok: true,
        request: { kind: 'character', model: parseModelName(item.model).name, video },
        warnings: [],
      };
    } catch (error) {
      if (isPromptError(error)) return { ok: false, error };
      throw error;
    }
  }
  const media = { images: item.images ?? [], characterVideo: item.characterVideo ?? null };
  return parsePrompt(item.text, { model: item.model, styles, ...media });
}

/** Why a request cannot run on this account, or null (facts §4.2: Pro models need ChatGPT Pro). */
function planRefusal(request: JobRequest, plan: string | null): string | null {
  if (request.kind !== 'video' || !request.requiresPro || plan === null || plan === 'chatgpt_pro')
    return null;
  return `${request.model} needs a ChatGPT Pro plan; this account has ${plan.replace('chatgpt_', '')}. Pick a sora2-* model.`;
}

/**
 * The jobs one item becomes: `count` copies sharing one stored copy of each input; a video plus text
 * becomes a character job and the videos that wait for it (facts §4.9).
 */
async function jobsFor(
  db: SoraDb,
  item: Item,
  request: JobRequest,
  seq: number,
  now: number,
): Promise<JobRow[]> {
  const count = request.kind === 'character' ? 1 : (item.count ?? 1);
  const store = async (media: MediaRef, kind: 'image' | 'video', jobIds: string[]): Promise<MediaRef> =>
    storeInput(db, media, kind, jobIds, now);
  if (request.kind === 'character') {
    const job = newJob(item, request, seq, now, null);
    job.request = { ...request, video: await store(request.video, 'video', [job.id]) };
    return [job];
  }
  let character: JobRow | null = null;
  if (request.kind === 'video' && request.characterVideo) {
    character = newJob(
      item,
      { kind: 'character', model: request.model, video: request.characterVideo },
      seq++,
      now,
      null,
    );
    const video = await store(request.characterVideo, 'video', [character.id]);
    character.request = { kind: 'character', model: request.model, video };
  }
  const jobs = Array.from({ length: count }, (_, i) =>
    newJob(item, request, seq + i, now, character?.id ?? null),
  );
  if ((request.kind === 'video' || request.kind === 'image') && request.images.length > 0) {
    const ids = jobs.map((j) => j.id);
    const images = await Promise.all(request.images.map((media) => store(media, 'image', ids)));
    for (const job of jobs) job.request = { ...request, images };
  }
  return character ? [character, ...jobs] : jobs;
}

/**
 * Parses every item on its own and queues the valid ones: one bad item is reported with its index
 * and reason and never blocks the others. Several jobs become one batch (a folder of files).
 */
export async function enqueue(
  db: SoraDb,
  params: RpcParams<'enqueue'>,
  env: { now: number; styles: StyleLists; plan?: string | null },
): Promise<RpcResults['enqueue']> {
  const rejected: RejectedItem[] = [];
  const warnings: string[] = [];
  const jobs: JobRow[] = [];
  let seq = await nextSeq(db);
  for (const [index, item] of params.items.entries()) {
    const parsed = parseItem(item, env.styles);
    const refusal = parsed.ok ? planRefusal(parsed.request, env.plan ?? null) : null;
    if (!parsed.ok || refusal) {
      const error = parsed.ok ? { code: 'plan', message: refusal! } : parsed.error;
      rejected.push({ index, code: error.code, message: error.message });
      continue;
    }
    try {
      const made = await jobsFor(db, item, parsed.request, seq, env.now);
      seq += made.length;
      jobs.push(...made);
      warnings.push(...parsed.warnings);
    } catch (error) {
      rejected.push({
        index,
        code: 'bad_media',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  if (jobs.length === 0) return { ids: [], rejected, warnings };
  const batch =
    jobs.length > 1
      ? {
          id: crypto.randomUUID(),
          createdAt: env.now,
          source: params.source ?? 'paste',
          name: params.batchName ?? `${jobs.length} jobs`,
          total: jobs.length,
        }
      : null;
  jobs.forEach((job, i) => {
    job.batchId = batch?.id ?? null;
    job.batchIndex = batch ? i + 1 : null;
  });
  await addJobs(db, jobs, batch);
  return { ids: jobs.map((j) => j.id), rejected, warnings };
}
