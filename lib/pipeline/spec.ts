import type { JobRequest } from '../prompt/request';

/**
 * Why the pipeline cannot run this request, in plain words; null when it can. Every mode of the
 * prompt language runs today; a backend without a capability would refuse here.
 */
export function unsupportedReason(_request: JobRequest): string | null {
  return null;
}

/** The text a job's result file and reconciliation go by. */
export function requestPrompt(request: JobRequest): string {
  return request.kind === 'character' ? '' : request.prompt;
}
