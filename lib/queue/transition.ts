import type { JobEvent } from './events';
import type { JobRow } from './job';
import { editRules } from './rules/edits';
import { extraRules } from './rules/extras';
import { followRules } from './rules/follow';
import type { Rule, RuleSet } from './rules/shared';
import { submitRules } from './rules/submit';
import { waitRules } from './rules/waits';

export type { JobEvent } from './events';
export { isEditable } from './rules/edits';
export { ATTEMPT_BUDGET, phaseOf } from './rules/shared';

/** Every event's rule, by family (lib/queue/rules/); a missing one is a compile error. */
const RULES: RuleSet<JobEvent['type']> = {
  ...submitRules,
  ...followRules,
  ...waitRules,
  ...extraRules,
  ...editRules,
};

function rule<E extends JobEvent>(event: E): Rule {
  return (RULES[event.type] as (e: E) => Rule)(event);
}

/**
 * The pure state machine: the next row, or null when the event is not allowed in the job's state
 * (e.g. a poll result arriving for a job the user already canceled).
 */
export function transition(job: JobRow, event: JobEvent, now: number): JobRow | null {
  const patch = rule(event)(job, now);
  if (!patch) return null;
  return { ...job, ...patch, version: job.version + 1, updatedAt: now };
}
