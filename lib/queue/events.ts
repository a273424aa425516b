import type { JobRequest } from '../prompt/request';
import type { JobError, JobRow } from './job';

/** Everything that can happen to a job: a closed union. */
export type JobEvent =
  | { type: 'claim'; leaseUntil: number }
  | { type: 'created'; taskId: string }
  | { type: 'uncertain' }
  | { type: 'not_created' }
  | { type: 'retry_later'; error: JobError; delayMs: number | null }
  | { type: 'throttled'; untilMs: number }
  | { type: 'limit'; resetAt: number }
  | { type: 'limit_reset' }
  | { type: 'progress'; progress: number }
  | { type: 'generated'; generationId: string }
  /** The result exists at once (a text job): straight to ready, nothing to follow. */
  | { type: 'produced' }
  | { type: 'download_intent'; fileName: string }
  | { type: 'download_started'; downloadId: number }
  | { type: 'downloaded' }
  /** Done without a download (auto-download is off); the result can be downloaded later. */
  | { type: 'finished' }
  | { type: 'fail'; error: JobError }
  | { type: 'auth_lost' }
  | { type: 'permission_lost' }
  | { type: 'restored' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'cancel' }
  | { type: 'retry' }
  /** A complete look at the account's lists did not find the uncertain create's task. */
  | { type: 'looked' }
  /** The lists could not be read (5xx, offline, timeout): the look-out starts again when they can. */
  | { type: 'lists_unreadable' }
  /** The backend holds another task for this job (a resent POST): another result to follow and save. */
  | { type: 'extra_found'; taskId: string }
  | { type: 'extra_generated'; taskId: string; generationId: string }
  | { type: 'extra_download_intent'; taskId: string; fileName: string }
  | { type: 'extra_download_started'; taskId: string; downloadId: number }
  /** Saved (or, with auto-download off, recorded). */
  | { type: 'extra_done'; taskId: string }
  | { type: 'extra_failed'; taskId: string; error: JobError }
  /** Its download broke off: download it again with a fresh link. */
  | { type: 'extra_retry'; taskId: string; error: JobError }
  /** The character name chosen before finalize is sent (docs/backend-facts.md §4.9 step 5). */
  | { type: 'finalize_intent'; username: string; displayName: string }
  /** Moved in the queue (drag, "run next"): its place, nothing else. */
  | { type: 'reordered'; seq: number }
  /** The user changed the text or model before it was sent (or after it ended: a retry is a new create). */
  | { type: 'edited'; input: JobRow['input']; request: JobRequest }
  /** Its images were uploaded (recorded before the create, so a retry never uploads them again). */
  | { type: 'uploaded'; uploads: JobRow['uploads'] };
