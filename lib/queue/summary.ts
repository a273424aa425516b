import { z } from 'zod/mini';
import { DISPLAY_STATUSES } from './status';

/** What the popup shows: counts by UI status and the running jobs' progress. Published by the background. */
export const QueueSummarySchema = z.object({
  counts: z.record(z.enum(DISPLAY_STATUSES), z.int().check(z.nonnegative())),
  running: z
    .array(z.object({ id: z.string(), prompt: z.string(), progress: z.number() }))
    .check(z.maxLength(10)),
  /** Jobs holding a slot (sent, being found again, or generating), per backend id: the account bar's "n of cap". */
  inFlight: z._default(z.record(z.string(), z.int().check(z.nonnegative())), {}),
  updatedAt: z.number(),
});
export type QueueSummary = z.infer<typeof QueueSummarySchema>;

/** All zeros: what the popup shows before the background has published anything. */
export function emptySummary(): QueueSummary {
  return {
    counts: Object.fromEntries(DISPLAY_STATUSES.map((s) => [s, 0])) as QueueSummary['counts'],
    running: [],
    inFlight: {},
    updatedAt: 0,
  };
}
