import { BackendError } from '../../backend/errors';
import { type ClientCreateOutcome as CreateOutcome, guardCreate } from '../errors';
import { type ApiHttpDeps, type ApiRequest, createApiHttp } from '../http';
import { mapTaskApiFailure } from './map-error';
import { EnvelopeSchema, GenerateDataSchema, RecordSchema, type TaskRecord } from './schemas';

export interface TaskApiDeps extends ApiHttpDeps {
  /** e.g. `https://api.sora2api.ai/api/v1/sora2` (the seed's base). */
  baseUrl: string;
  apiKey: () => string | Promise<string>;
}

/** The seed's generate body. No `callBackUrl`: the extension has no server to be called back on; it polls. */
export interface GenerateInput {
  prompt: string;
  aspectRatio: 'landscape' | 'portrait';
  quality: 'standard' | 'hd';
  /** Public image URLs only (the seed: "Images must be publicly accessible URLs"). */
  imageUrls?: readonly string[];
  watermark?: string;
}

/** The seed: "Generated video files are retained for 15 days before deletion." */
export const TASK_API_RETENTION_MS = 15 * 86_400_000;

/** What one record-info says, in the pipeline's words. */
export type TaskSnapshot =
  | { state: 'running' }
  /** `expiresAt` counts from when we saw it done: the seed's times carry no zone. */
  | { state: 'done'; url: string; expiresAt: number }
  | {
      state: 'failed';
      stage: 'creation' | 'generation';
      contentPolicy: boolean;
      reason: string;
      errorCode: string | null;
    }
  /** A flag the seed does not list: keep polling, like its sample's `default:` branch, within the job's deadline. */
  | { state: 'unknown'; successFlag: number };

const POLICY = /content polic|violat|sensitive|moderation|nsfw/i;

/** Result links must be web links; a `javascript:` or `file:` one is refused (docs/reliability.md §21). */
function resultUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Reads one record into a snapshot (seed: the sample `switch (status.successFlag)`). */
export function toSnapshot(r: TaskRecord, now: number): TaskSnapshot {
  switch (r.successFlag) {
    case 0:
      return { state: 'running' };
    case 1: {
      const url = resultUrl(r.response?.imageUrl);
      if (!url)
        throw new BackendError({
          code: 'fatal',
          retryable: true,
          unexpected: true,
          message: 'The task is done but its answer names no usable video link.',
          endpoint: 'record-info',
        });
      return { state: 'done', url, expiresAt: now + TASK_API_RETENTION_MS };
    }
    case 2:
    case 3: {
      const fallback =
        r.successFlag === 2 ? 'The service could not create the task.' : 'The video could not be generated.';
      const reason = r.errorMessage?.trim() || fallback;
      const errorCode =
        r.errorCode === null || r.errorCode === undefined || r.errorCode === 0 ? null : String(r.errorCode);
      return {
        state: 'failed',
        stage: r.successFlag === 2 ? 'creation' : 'generation',
        contentPolicy: POLICY.test(reason),
        reason,
        errorCode,
      };
    }
    default:
      return { state: 'unknown', successFlag: r.successFlag };
  }
}

/** A client for the task API shape: one method per endpoint, every answer zod-parsed. */
export function createTaskApiClient(deps: TaskApiDeps) {
  const http = createApiHttp(deps, mapTaskApiFailure);
  const base = deps.baseUrl.replace(/\/+$/, '');

  async function request(endpoint: string, path: string, init: RequestInit = {}): Promise<ApiRequest> {
    const key = await deps.apiKey();
    const headers = { authorization: `Bearer ${key}`, ...(init.headers as Record<string, string>) };
    return { endpoint, url: `${base}${path}`, init: { ...init, headers }, secrets: [key] };
  }

  /** Sends, then insists on `code === 200` in the body too (the seed: `response.ok && data.code === 200`). */
  async function data(req: ApiRequest): Promise<unknown> {
    const { value, headers } = await http.json(req, EnvelopeSchema);
    if (value.code !== 200) {
      throw mapTaskApiFailure(
        { endpoint: req.endpoint, status: 200, headers, body: JSON.stringify(value) },
        deps.now(),
      );
    }
    return value.data;
  }

  function parse<T>(
    endpoint: string,
    schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } },
    v: unknown,
  ): T {
    const parsed = schema.safeParse(v);
    if (!parsed.success)
      throw new BackendError({
        code: 'fatal',
        retryable: true,
        unexpected: true,
        message: `${endpoint} answered without the expected data.`,
        endpoint,
      });
    return parsed.data;
  }

  const client = {
    /** `POST /generate`. A lost answer is `uncertain`: the API has no task list, so it is never resent by itself. */
    generate: (input: GenerateInput): Promise<CreateOutcome<{ taskId: string }>> =>
      guardCreate(async () => {
        const body = {
          prompt: input.prompt,
          aspectRatio: input.aspectRatio,
          quality: input.quality,
          ...(input.imageUrls?.length ? { imageUrls: [...input.imageUrls] } : {}),
          ...(input.watermark ? { watermark: input.watermark } : {}),
        };
        const init = {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
        const value = await data(await request('generate', '/generate', init));
        return { taskId: parse('generate', GenerateDataSchema, value).taskId };
      }),

    /** `GET /record-info?taskId=` as the raw record. */
    async recordInfo(taskId: string): Promise<TaskRecord> {
      const value = await data(
        await request('record-info', `/record-info?taskId=${encodeURIComponent(taskId)}`),
      );
      return parse('record-info', RecordSchema, value);
    },

    /** The record as a snapshot the pipeline can act on. */
    async status(taskId: string): Promise<TaskSnapshot> {
      return toSnapshot(await client.recordInfo(taskId), deps.now());
    },
  };
  return client;
}

export type TaskApiClient = ReturnType<typeof createTaskApiClient>;
