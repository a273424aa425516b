import type { JobRequest } from '../prompt/request';

/** The text a job's result file and reconciliation go by. */
export function requestPrompt(request: JobRequest): string {
  return request.kind === 'character' ? '' : request.prompt;
}
