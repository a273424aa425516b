import { parsePrompt } from '@/lib/prompt/parse';
import type { JobRow } from '@/lib/queue/job';

/** A valid queued job row for `prompt`, with any field overridden. */
export function makeJob(
  overrides: Partial<JobRow> = {},
  prompt = 'A kitten running across a meadow',
): JobRow {
  const parsed = parsePrompt(prompt, { model: 'sora2-landscape-10s', styles: { live: null } });
  if (!parsed.ok) throw new Error(parsed.error.message);
  return {
    id: overrides.id ?? crypto.randomUUID(),
    batchId: null,
    batchIndex: null,
    seq: 1,
    createdAt: 1_000,
    updatedAt: 1_000,
    version: 0,
    status: 'queued',
    input: { text: prompt, model: 'sora2-landscape-10s' },
    request: parsed.request,
    uploads: [],
    dependsOn: null,
    attempts: 0,
    nextRunAt: 0,
    leaseUntil: null,
    createIntentAt: null,
    taskId: null,
    generationId: null,
    progress: 0,
    download: null,
    waitUntil: null,
    error: null,
    finishedAt: null,
    ...overrides,
  };
}
