import { parsePrompt } from '@/lib/prompt/parse';
import { createJobRow, type JobRow } from '@/lib/queue/job';

/** A valid queued job row for `prompt`, with any field overridden. */
export function makeJob(
  overrides: Partial<JobRow> = {},
  prompt = 'A kitten running across a meadow',
): JobRow {
  const parsed = parsePrompt(prompt, { model: 'sora2-landscape-10s', styles: { live: null } });
  if (!parsed.ok) throw new Error(parsed.error.message);
  const job = createJobRow({ text: prompt, model: 'sora2-landscape-10s' }, parsed.request, 1, 1_000);
  return { ...job, nextRunAt: 0, ...overrides };
}
