/** Public types of the task API simulator (sim/README.md "Task API simulator"). */
import type { BackendSimServer } from '../backend-server';
import type { FaultRule } from '../types';

/** Tunable behaviour; `POST /__sim/settings` patches it. */
export interface TaskApiSettings {
  /** The seed's base path (`https://api.sora2api.ai/api/v1/sora2`). */
  basePath: string;
  keys: string[];
  /** Credits each key starts with (the seed: "not enough credits"; the sim's cost: standard 1, hd 2). */
  credits: number;
  renderMs: number;
  /** Tasks generating at once per key; one more create answers 429. */
  concurrencyPerKey: number;
  retryAfterSeconds: number;
  mediaBytes: number;
  /** The seed: "Generated video files are retained for 15 days before deletion." */
  retentionMs: number;
  /** Prompts containing it end with successFlag 3. */
  contentPolicyPattern: string | null;
}

/** The seed's `successFlag`: 0 generating, 1 success, 2 task creation failed, 3 generation failed. */
export type SuccessFlag = 0 | 1 | 2 | 3;

/** One task as the simulator keeps it. */
export interface SimTaskApiTask {
  taskId: string;
  key: string;
  prompt: string;
  /** The request as sent, echoed as the seed's `paramJson` string. */
  params: Record<string, unknown>;
  createdAtMs: number;
  renderMs: number;
  /** The outcome once rendered; 2 is known at once. */
  outcome: { flag: 1 } | { flag: 2 | 3; errorCode: number; errorMessage: string };
  /** Set by `expireResults()`: the CDN file is gone from then on. */
  expiredAtMs: number | null;
}

/** The task API simulator. */
export interface TaskApiSim extends Omit<BackendSimServer, 'faults'> {
  /** `https://<api host><basePath>`, ready for a connection. */
  readonly baseUrl: string;
  /** The CDN host result links point at (public, no key). */
  readonly cdnHost: string;
  readonly settings: TaskApiSettings;
  set(patch: Partial<TaskApiSettings>): void;
  readonly faults: TaskApiFaults;
  tasks(): readonly (SimTaskApiTask & { successFlag: SuccessFlag })[];
  /** Credits a key has left. */
  creditsOf(key: string): number;
  /** The bytes the CDN serves for a task. */
  videoBytes(taskId: string): Buffer;
}

/** Fault rules plus the presets. */
export interface TaskApiFaults {
  inject(rule: FaultRule): void;
  clear(): void;
  active(): readonly Readonly<FaultRule>[];
  revokeKey(key: string): void;
  /** The key's credits become 0 (creates answer 402). */
  outOfCredits(key: string): void;
  refill(key: string, credits?: number): void;
  rateLimited(times?: number, retryAfterSeconds?: number, path?: string | RegExp): void;
  serverErrors(path: string | RegExp, times?: number, status?: number): void;
  /** `POST /generate` creates the task, then the answer is cut off mid-body. */
  loseCreate(times?: number): void;
  /** The next `times` tasks end with successFlag 3. */
  failNext(times?: number): void;
  /** The next `times` tasks end with successFlag 2 ("task creation failed"). */
  failCreationNext(times?: number): void;
  /** Every result link stops working (the CDN answers 404), as after the 15 days. */
  expireResults(): void;
  /** `GET /record-info` answers only after `ms`. */
  slowPoll(ms: number, times?: number): void;
}
