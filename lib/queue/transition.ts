import type { JobError, JobRow } from './job';
import { resultRules } from './rules/result-rules';
import type { Patch, Rule, RuleTable } from './rules/rule';
import { submitRules } from './rules/submit-rules';
import { userRules } from './rules/user-rules';
import { waitRules } from './rules/wait-rules';

export { phaseOf } from './phase';

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
  | { type: 'retry' };

/**
 * Every event's rule, grouped by concern in lib/queue/rules/ (each event belongs to one group). The
 * type makes the compiler insist on a rule for every event: a new event without one does not build.
 */
const RULES: RuleTable<JobEvent['type']> = {
  ...submitRules,
  ...resultRules,
  ...waitRules,
  ...userRules,
};

function patchFor<E extends JobEvent>(job: JobRow, event: E, now: number): Patch | null {
  // The table is keyed by event type, so the rule found takes exactly this event's shape.
  const rule = RULES[event.type] as Rule<E>;
  return rule(job, event, now);
}

/**
 * The pure state machine: the next row, or null when the event is not allowed in the job's state
 * (e.g. a poll result arriving for a job the user already canceled).
 */
export function transition(job: JobRow, event: JobEvent, now: number): JobRow | null {
  const patch = patchFor(job, event, now);
  if (!patch) return null;
  return { ...job, ...patch, version: job.version + 1, updatedAt: now };
}
