import { SORA_BACKEND_ID } from '../backend/ids';
import type { Connection } from '../connections/schema';
import { addJobs, nextSeq } from '../db/jobs';
import type { BatchRow } from '../db/rows';
import type { SoraDb } from '../db/schema';
import { errorMessage } from '../errors';
import { batchFolder } from '../pipeline/filename';
import { storeInput } from '../pipeline/inputs';
import { isCharacterOnly } from '../prompt/character';
import { isPromptError } from '../prompt/errors';
import { checkMedia } from '../prompt/media';
import { parseModelName } from '../prompt/models';
import { type ParseResult, parsePrompt } from '../prompt/parse';
import type { JobRequest, MediaRef } from '../prompt/request';
import type { StyleLists } from '../prompt/styles';
import { createJobRow, type JobRow } from '../queue/job';
import type { RejectedItem, RpcParams, RpcResults } from '../rpc/contract';
import { soraPlanRefusal } from '../sora/neutral';
import { connectionRequest } from './connection-request';

type Item = RpcParams<'enqueue'>['items'][number];

/** An item as a request: a video with no text is a character on its own (seed: "video alone"). */
function parseItem(item: Item, styles: StyleLists): ParseResult {
  const video = item.characterVideo;
  if (video && isCharacterOnly({ text: item.text, imageCount: item.images?.length ?? 0, hasVideo: true })) {
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

/** Why a request cannot run on this account, with what to do instead, or null (the one plan rule). */
function refusalAtEnqueue(request: JobRequest, plan: string | null): string | null {
  const refusal = request.kind === 'video' ? soraPlanRefusal(request.model, plan) : null;
  return refusal && `${refusal} Pick a sora2-* model.`;
}

/** What the user entered for one submission, kept on its jobs for display, search and edit. */
export interface EntryInput {
  text: string;
  model: string;
  /** The connection that runs it; the Sora session when absent. */
  backendId?: string;
}

/** A parsed request ready to queue, `count` times. */
export interface Entry {
  input: EntryInput;
  request: JobRequest;
  count: number;
}

/**
 * The jobs one entry becomes: `count` copies sharing one stored copy of each input; a video plus
 * text becomes a character job and the videos that wait for it (docs/backend-facts.md §4.9).
 */
async function jobsFor(db: SoraDb, entry: Entry, seq: number, now: number): Promise<JobRow[]> {
  const { input, request } = entry;
  const count = request.kind === 'character' ? 1 : entry.count;
  const store = async (media: MediaRef, kind: 'image' | 'video', jobIds: string[]): Promise<MediaRef> =>
    storeInput(db, media, kind, jobIds, now);
  if (request.kind === 'character') {
    const job = createJobRow(input, request, seq, now, null);
    job.request = { ...request, video: await store(request.video, 'video', [job.id]) };
    return [job];
  }
  let character: JobRow | null = null;
  if (request.kind === 'video' && request.characterVideo) {
    character = createJobRow(
      input,
      { kind: 'character', model: request.model, video: request.characterVideo },
      seq++,
      now,
      null,
    );
    const video = await store(request.characterVideo, 'video', [character.id]);
    character.request = { kind: 'character', model: request.model, video };
  }
  const jobs = Array.from({ length: count }, (_, i) =>
    createJobRow(input, request, seq + i, now, character?.id ?? null),
  );
  if ((request.kind === 'video' || request.kind === 'image') && request.images.length > 0) {
    const ids = jobs.map((j) => j.id);
    const images = await Promise.all(request.images.map((media) => store(media, 'image', ids)));
    for (const job of jobs) job.request = { ...request, images };
  }
  return character ? [character, ...jobs] : jobs;
}

/** Where a submission came from and what it is called (several jobs make one batch folder). */
export interface QueueOptions {
  now: number;
  plan?: string | null;
  source?: BatchRow['source'];
  batchName?: string;
}

/**
 * Queues parsed entries: each is checked against the plan and its media stored on its own, so one
 * bad entry is reported by its index and never blocks the others. Several jobs become one batch.
 */
export async function queueEntries(
  db: SoraDb,
  entries: readonly Entry[],
  opts: QueueOptions,
): Promise<{ ids: string[]; rejected: RejectedItem[] }> {
  const rejected: RejectedItem[] = [];
  const jobs: JobRow[] = [];
  let seq = await nextSeq(db);
  for (const [index, entry] of entries.entries()) {
    const onSora = (entry.input.backendId ?? SORA_BACKEND_ID) === SORA_BACKEND_ID;
    const refusal = onSora ? refusalAtEnqueue(entry.request, opts.plan ?? null) : null;
    if (refusal) {
      rejected.push({ index, code: 'plan', message: refusal });
      continue;
    }
    try {
      const made = await jobsFor(db, entry, seq, opts.now);
      seq += made.length;
      jobs.push(...made);
    } catch (error) {
      rejected.push({
        index,
        code: 'bad_media',
        message: errorMessage(error),
      });
    }
  }
  if (jobs.length === 0) return { ids: [], rejected };
  const batch: BatchRow | null =
    jobs.length > 1
      ? {
          // Also its download folder: first prompt and date (made unique when stored).
          id: batchFolder(jobs[0]!.input.text, opts.now),
          createdAt: opts.now,
          source: opts.source ?? 'paste',
          name: opts.batchName ?? `${jobs.length} jobs`,
          total: jobs.length,
        }
      : null;
  jobs.forEach((job, i) => {
    job.batchId = batch?.id ?? null;
    job.batchIndex = batch ? i + 1 : null;
  });
  await addJobs(db, jobs, batch);
  return { ids: jobs.map((j) => j.id), rejected };
}

/**
 * Parses every item on its own and queues the valid ones: one bad item is reported with its index
 * and reason and never blocks the others.
 */
export async function enqueue(
  db: SoraDb,
  params: RpcParams<'enqueue'>,
  env: { now: number; styles: StyleLists; plan?: string | null; connections?: readonly Connection[] },
): Promise<RpcResults['enqueue']> {
  const rejected: RejectedItem[] = [];
  const warnings: string[] = [];
  const entries: Entry[] = [];
  const indexes: number[] = [];
  for (const [index, item] of params.items.entries()) {
    const backendId = item.backend ?? SORA_BACKEND_ID;
    if (backendId !== SORA_BACKEND_ID) {
      const connection = env.connections?.find((c) => c.id === backendId);
      const made = connection
        ? connectionRequest(item, connection)
        : { ok: false as const, code: 'unknown_backend', message: 'This connection no longer exists.' };
      if (!made.ok) {
        rejected.push({ index, code: made.code, message: made.message });
        continue;
      }
      entries.push({
        input: { text: item.text, model: item.model, backendId },
        request: made.request,
        count: item.count ?? 1,
      });
      indexes.push(index);
      continue;
    }
    const parsed = parseItem(item, env.styles);
    if (!parsed.ok) {
      rejected.push({ index, code: parsed.error.code, message: parsed.error.message });
      continue;
    }
    warnings.push(...parsed.warnings);
    entries.push({
      input: { text: item.text, model: item.model },
      request: parsed.request,
      count: item.count ?? 1,
    });
    indexes.push(index);
  }
  const queued = await queueEntries(db, entries, {
    now: env.now,
    plan: env.plan ?? null,
    source: params.source,
    batchName: params.batchName,
  });
  rejected.push(...queued.rejected.map((r) => ({ ...r, index: indexes[r.index] ?? r.index })));
  return { ids: queued.ids, rejected: rejected.sort((a, b) => a.index - b.index), warnings };
}
