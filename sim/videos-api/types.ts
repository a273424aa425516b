/** Public types of the Videos API simulator (sim/README.md "Videos API simulator"). */
import type { BackendSimServer } from '../backend-server';
import type { FaultRule } from '../types';

/** Tunable behaviour; `POST /__sim/settings` patches it. */
export interface VideosApiSettings {
  /** Path prefix of the API: `/v1` (OpenAI, LiteLLM, new-api) or `/openai/v1` (Azure). */
  basePath: string;
  /** Keys the server accepts. */
  keys: string[];
  /** Which header carries the key: OpenAI's `Authorization: Bearer`, Azure's `api-key`, or either. */
  authHeader: 'bearer' | 'api-key' | 'either';
  /** Create → completed. */
  renderMs: number;
  /** Jobs queued or in progress at once per key; one more create answers 429 with Retry-After. */
  concurrencyPerKey: number;
  /** Retry-After (seconds) sent with a 429. */
  retryAfterSeconds: number;
  /** `openai-poll-after-ms` sent with every Video answer (OpenAI SDK `poll()` honours it). */
  pollAfterMs: number;
  /** Models accepted on create and listed by `GET /models`. */
  models: string[];
  /** false = `GET /models` answers 404, like a gateway that lists nothing. */
  listModels: boolean;
  /** Size of each video file in bytes. */
  mediaBytes: number;
  /** Completed → `expires_at` (assets gone after it; Azure keeps 24 h, docs/backend-facts.md §11.1). */
  assetTtlMs: number;
  /** Prompts containing it fail mid-render with `moderation_blocked`. */
  contentPolicyPattern: string | null;
}

/** Where a job is (OAI-PY `types/video.py`: queued | in_progress | completed | failed). */
export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

/** One video job as the simulator keeps it. */
export interface SimVideo {
  id: string;
  seq: number;
  key: string;
  model: string;
  prompt: string;
  seconds: string;
  size: string;
  createdAtMs: number;
  renderMs: number;
  /** Set for jobs the sim decided to fail. */
  failure: { code: string; message: string } | null;
  remixedFrom: string | null;
  reference: 'file' | 'image_url' | 'file_id' | null;
  /** Set by `expireMedia()`: the asset is gone from then on. */
  expiredAtMs: number | null;
  /** Set by `DELETE /videos/{id}` or `deleteVideo()`: 404 everywhere from then on. */
  deletedAtMs: number | null;
}

/** The Videos API simulator. */
export interface VideosApiSim extends Omit<BackendSimServer, 'faults'> {
  /** `https://<first host><basePath>`, ready for a connection. */
  readonly baseUrl: string;
  readonly settings: VideosApiSettings;
  set(patch: Partial<VideosApiSettings>): void;
  readonly faults: VideosApiFaults;
  /** Every job with its current status. */
  videos(): readonly (SimVideo & { status: VideoStatus; progress: number })[];
  /** The bytes `GET /videos/{id}/content` serves for that job. */
  videoBytes(id: string): Buffer;
  /**
   * Adds `count` finished videos made elsewhere (with the first key), the newest `ageMs` ago and
   * each older one a minute before it; returns them oldest first.
   */
  seedVideos(count: number, ageMs?: number): SimVideo[];
  /** Deletes a video (as `DELETE /videos/{id}` does): list, retrieve and content forget it. */
  deleteVideo(id: string): boolean;
}

/** Options of `startVideosApiSim`: settings, a fixed port, and videos already in the account. */
export type VideosApiSimOptions = Partial<VideosApiSettings> & { port?: number; seedVideos?: number };

/** Fault rules plus the presets of the issue (bad key, out of credits, 429, 5xx, lost create, …). */
export interface VideosApiFaults {
  inject(rule: FaultRule): void;
  clear(): void;
  active(): readonly Readonly<FaultRule>[];
  /** The key stops being accepted (401 invalid_api_key). */
  revokeKey(key: string): void;
  /** Creates with this key answer 429 insufficient_quota until `refill`. */
  outOfCredits(key: string): void;
  refill(key: string): void;
  /** The next `times` requests (any path, or `path`) answer 429 with Retry-After. */
  rateLimited(times?: number, retryAfterSeconds?: number, path?: string | RegExp): void;
  serverErrors(path: string | RegExp, times?: number, status?: number): void;
  /** `POST /videos` creates the job, then the answer is cut off mid-body. */
  loseCreate(times?: number): void;
  /** The next `times` jobs created fail while rendering. */
  failNext(times?: number): void;
  /** Every finished job's file is gone (content answers 404 expired). */
  expireMedia(): void;
  /** `GET /videos/{id}` answers only after `ms`. */
  slowPoll(ms: number, times?: number): void;
}
