import { BackendError } from '../../backend/errors';
import type { FailedApiResponse } from '../http';
import { parseRetryAfter } from '../retry';
import { EnvelopeSchema } from './schemas';

function msgOf(body: string): { code: number | null; msg: string } {
  try {
    const parsed = EnvelopeSchema.safeParse(JSON.parse(body));
    return parsed.success ? { code: parsed.data.code, msg: parsed.data.msg ?? '' } : { code: null, msg: '' };
  } catch {
    return { code: null, msg: '' };
  }
}

const POLICY = /content polic|violat|sensitive|moderation|nsfw/i;

/**
 * The seed lists its status meanings without numbers (docs/backend-facts.md §12): invalid parameters, missing or
 * invalid key, not enough credits, too many requests, internal error. We read them as 400/401/402/429/5xx,
 * from the HTTP status or, when the HTTP status is 200, from the body's `code`.
 */
export function mapTaskApiFailure(res: FailedApiResponse, now: number): BackendError {
  const body = msgOf(res.body);
  const status = res.status >= 200 && res.status < 300 && body.code !== null ? body.code : res.status;
  const said = body.msg ? `: ${body.msg}` : '.';
  const make = (
    code: BackendError['code'] | 'retryable',
    message: string,
    retryAfterMs: number | null = null,
  ): BackendError =>
    new BackendError({
      code: code === 'retryable' ? 'fatal' : code,
      retryable: code === 'retryable',
      message,
      endpoint: res.endpoint,
      status,
      retryAfterMs,
      detail: body.msg || null,
    });
  if (status === 401 || status === 403) return make('auth', `The API key was refused${said}`);
  if (status === 402) return make('quota_exhausted', `This key does not have enough credits${said}`);
  if (status === 429)
    return make(
      'rate_limited',
      'Too many requests; waiting before the next one.',
      parseRetryAfter(res.headers, now),
    );
  if (status >= 500 || status === 408)
    return make(
      'retryable',
      `The service had a temporary problem (${status}); trying again.`,
      parseRetryAfter(res.headers, now),
    );
  if (POLICY.test(body.msg)) return make('content_policy', body.msg);
  if (status === 404) return make('fatal', `The service does not know this task or address${said}`);
  if (status === 400 || status === 422) return make('bad_request', `The service refused the request${said}`);
  return make('fatal', `The service answered ${status}${said}`);
}
