/** Public types of the Sora simulator (see sim/README.md). */

/** Tunable behaviour of the simulated backend. */
export interface SimSettings {
  /** Total time a video takes from create to leaving pending. */
  renderMs: number;
  /** Delay between leaving pending and appearing in drafts (docs/backend-facts.md §5.2 "drafts can lag"). */
  draftLagMs: number;
  /** Time an image task (POST /backend/video_gen) takes to succeed. */
  imageRenderMs: number;
  /** Time a character (cameo) takes to process after `characters/upload` (docs/backend-facts.md §4.9: polled every 3–5 s). */
  cameoRenderMs: number;
  /** Access token JWT lifetime (docs/backend-facts.md §2.2, ~8 days). */
  tokenTtlMs: number;
  /** docs/backend-facts.md §2.2 [conflict]: true = /api/auth/session returns the same JWT until a sora page load re-issues it. */
  reissueTokenOnPageLoadOnly: boolean;
  /** How long a sentinel server token `c` stays valid (docs/backend-facts.md §3.3, exact TTL unknown). */
  sentinelTtlMs: number;
  /** 'missing' = sdk.js 404s. */
  sentinelSdk: 'ok' | 'missing';
  /** Concurrent generations per account (docs/backend-facts.md §7.2). */
  concurrencyCap: number;
  /** Video gens allowed per window (docs/backend-facts.md §7.1). */
  dailyQuota: number;
  /** Length of the quota window in seconds; access_resets_in_seconds counts down from it. */
  resetsInSeconds: number;
  /** Size of each video file in bytes. */
  mediaBytes: number;
  /** Signed media URL lifetime (docs/backend-facts.md §6.3, SAS `se` ≈ 3 days). */
  mediaUrlTtlMs: number;
  /** Prompts containing this substring end as sora_content_violation drafts (docs/backend-facts.md §5.3). */
  contentPolicyPattern: string | null;
  /** Plan reported by /backend/billing/subscriptions (docs/backend-facts.md §2.6); gates sy_ore (docs/backend-facts.md §4.2). */
  plan: 'chatgpt_free' | 'chatgpt_plus' | 'chatgpt_pro';
}

/** What a fault does to a matching request. */
export type FaultAction =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'html'; status: number; html: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number }
  | { kind: 'drop' }
  | { kind: 'accept-then-drop' }
  /**
   * Sim addition: do the real work, send the response head and a few body bytes, then cut the
   * connection. Unlike `accept-then-drop`, Chromium cannot transparently resend the request (it
   * retries a POST whose reused socket closed before any response byte), so the client really
   * sees a lost response.
   */
  | {
      kind: 'accept-then-cut';
      /**
       * Sim addition: hold the cut until the task the request created has left pending
       * (`task-finished`) or shows in drafts (`task-drafted`); the task renders on meanwhile. The
       * client may give up first (its own timeout), then nothing more is sent.
       */
      holdUntil?: 'task-finished' | 'task-drafted';
    }
  /**
   * Sim addition: do the real work (the task is created and renders to completion, into drafts
   * after its lag), then never answer: the connection hangs until the client gives up or close().
   */
  | { kind: 'accept-then-hang' }
  /**
   * Sim addition: the request is handled twice, as when Chromium silently resends a POST whose
   * reused connection closed before any response byte: a create makes two tasks, and the answer
   * names the second (the resend's) one.
   */
  | { kind: 'duplicate' }
  | { kind: 'truncate'; afterBytes: number }
  /** Sim addition: throw inside the handler, to prove exceptions become 500 JSON. */
  | { kind: 'throw'; message?: string }
  /** Sim addition: a redirect (default 302) to `location`, e.g. another host; nothing else is done. */
  | { kind: 'redirect'; location: string; status?: 301 | 302 | 303 | 307 | 308 }
  /**
   * Sim addition: a 200 `application/json` body of `bytes` bytes, streamed; `chunked` leaves out
   * Content-Length so only counting the bytes can tell the size. Nothing else is done.
   */
  | { kind: 'huge'; bytes: number; chunked?: boolean };

/** A request matcher plus the action to apply to the next `times` matches. */
export interface FaultRule {
  method?: string;
  host?: string;
  /** Exact path, prefix when the string ends with `*`, or a RegExp tested against the path (no query). */
  path: string | RegExp;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  action: FaultAction;
}

/** Fault injection API. */
export interface Faults {
  inject(rule: FaultRule): void;
  /** 401 token_invalidated on /backend/* (docs/backend-facts.md §2.4). */
  tokenInvalidated(times?: number): void;
  /** 403 "Just a moment..." HTML with cf-mitigated: challenge (docs/backend-facts.md §7.4). */
  cloudflareChallenge(path: string | RegExp, times?: number): void;
  serverErrors(path: string | RegExp, times: number, status?: number): void;
  /** 400 sentinel_block on sentinel-protected writes (docs/backend-facts.md §3.1). */
  sentinelBlock(times?: number): void;
  /** POST /backend/nf/create creates the task, then the response is cut off mid-body (accept-then-cut). */
  loseCreateResponse(times?: number): void;
  /**
   * Sim addition: POST /backend/nf/create creates the task and the answer never comes
   * (`'hang'`, accept-then-hang), or is cut once the task has left pending (`'cut-after-finish'`).
   */
  hangCreateAnswer(mode?: 'hang' | 'cut-after-finish', times?: number): void;
  /** Sim addition: one POST /backend/nf/create makes two tasks (the duplicated POST); the answer names the second. */
  duplicateCreate(times?: number): void;
  hang(path: string | RegExp, times?: number): void;
  slow(path: string | RegExp, ms: number, times?: number): void;
  /** Forced 429 too_many_concurrent_tasks on create (docs/backend-facts.md §7.2). */
  concurrentLimit(times?: number): void;
  /** Quota remaining becomes 0 until resetQuota(). */
  dailyLimit(): void;
  resetQuota(): void;
  /** Removes every injected rule (not the dailyLimit state). */
  clear(): void;
  /** Sim addition: rules still armed, with their remaining counts. */
  active(): readonly Readonly<FaultRule>[];
}

/** One request seen by the sim (control API requests are not logged). */
export interface LogEntry {
  seq: number;
  at: number;
  method: string;
  host: string;
  path: string;
  query: Record<string, string>;
  /** 0 if dropped / hung / not answered yet. */
  status: number;
  durationMs: number;
  headers: Record<string, string>;
  body?: unknown;
  fault?: string;
  /** Sim addition: message of an exception turned into a 500. */
  error?: string;
  /**
   * Sim addition: how the answer ended — `whole` once its last byte was handed to the socket, `cut`
   * when the connection closed first (a browser closing mid-download); unset while it is under way.
   */
  delivered?: 'whole' | 'cut';
  /**
   * Sim addition: when a `whole` answer's last byte was handed to the socket. Handed over is not
   * received: a browser closing just then can still lose it.
   */
  deliveredAt?: number;
}

/** Filter for RequestLog.filter. */
export interface LogFilter {
  method?: string;
  host?: string;
  path?: string | RegExp;
}

/** Request log API. */
export interface RequestLog {
  entries(): readonly LogEntry[];
  filter(f: LogFilter): readonly LogEntry[];
  count(method: string, path: string | RegExp): number;
  clear(): void;
}

/** Where a task is in its life (pending statuses per docs/backend-facts.md §5.1, then the sim's own post-pending states). */
export type SimTaskStatus = 'preprocessing' | 'queued' | 'running' | 'processing' | 'indexing' | 'done';

/** A generation task as the sim sees it. */
export interface SimTask {
  id: string;
  kind: 'video' | 'image';
  /** Started elsewhere (addExternalTask). */
  external: boolean;
  prompt: string;
  model: string;
  orientation: 'portrait' | 'landscape' | 'square';
  size: 'small' | 'large';
  nFrames: number;
  cost: number;
  createdAt: number;
  renderMs: number;
  draftLagMs: number;
  /** Time it leaves pending (createdAt + renderMs). */
  finishesAt: number;
  /** Time its draft becomes visible (finishesAt + draftLagMs). */
  draftAt: number;
  status: SimTaskStatus;
  progressPct: number | null;
  outcome: 'sora_draft' | 'sora_content_violation';
  genId: string;
  /** Blob uuid of the video file. */
  mediaId: string;
}

/** The running simulator. */
export interface Sim {
  readonly port: number;
  readonly hosts: readonly string[];
  readonly certPem: string;
  readonly spkiHash: string;
  /** Chromium flags: host-resolver-rules mapping all hosts to 127.0.0.1:port, and the SPKI allow-list. */
  chromiumArgs(): string[];
  readonly settings: SimSettings;
  set(partial: Partial<SimSettings>): void;
  readonly faults: Faults;
  readonly log: RequestLog;
  signOut(): void;
  signIn(): void;
  /** A generation started elsewhere (another tab/device); counts toward the cap and shows in pending. */
  addExternalTask(opts?: { renderMs?: number }): string;
  tasks(): readonly SimTask[];
  /** The account's library: seed drafts, posts and characters; delete a draft (issue 15). */
  readonly library: import('./library').SimLibrary;
  /** The current valid access token (for tests that look for leaks). */
  currentAccessToken(): string | null;
  close(): Promise<void>;
}

/** Options accepted by startSim. */
export type SimOptions = Partial<SimSettings> & { port?: number };
