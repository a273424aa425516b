import { textDataUrl } from '../data-url';
import type { JobRow } from '../queue/job';

/** The `.json` saved next to a video: what was asked for, never a link or a token. */
export function sidecarJson(job: JobRow): string {
  const request = job.request;
  const details =
    request.kind === 'video'
      ? {
          prompt: request.prompt,
          params: request.params,
          style: request.styleId,
          remixOf: request.remixTargetId,
          storyboard: request.storyboard?.shots ?? null,
        }
      : request.kind === 'character'
        ? {}
        : { prompt: request.prompt };
  return JSON.stringify(
    {
      jobId: job.id,
      input: job.input,
      backend: job.backendId,
      model: request.model,
      ...details,
      taskId: job.taskId,
      generationId: job.generationId,
      queuedAt: new Date(job.createdAt).toISOString(),
      finishedAt: new Date(job.finishedAt ?? job.updatedAt).toISOString(),
    },
    null,
    2,
  );
}

/** A data URL for the sidecar (the worker has no object URLs). */
export function sidecarUrl(job: JobRow): string {
  return textDataUrl(sidecarJson(job), 'application/json');
}
