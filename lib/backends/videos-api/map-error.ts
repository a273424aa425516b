import { BackendError } from '../../backend/errors';
import type { FailedApiResponse } from '../http';
import { parseRetryAfter } from '../retry';
import { ErrorBodySchema } from './schemas';

interface Said {
  code: string;
  type: string;
  message: string;
}

function said(body: string): Said {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    if (!parsed.success) return { code: '', type: '', message: '' };
    const e = parsed.data.error;
    return {
      code: String(e?.code ?? ''),
      type: e?.type ?? '',
      message: e?.message ?? parsed.data.message ?? '',
    };
  } catch {
    return { code: '', type: '', message: '' };
  }
}

/** OpenAI answers an empty balance with 429 `insufficient_quota`; gateways (new-api) often with 402 or 403 text. */
const QUOTA = /insufficient_quota|quota|credit|balance|billing/i;
const POLICY = /moderation|content[_ ]polic|safety|violat/i;
const NOT_READY = /not[_ ]ready|not (yet )?completed|still (processing|in progress)|in_progress/i;
const EXPIRED = /expired|no longer available/i;

function quotaError(res: FailedApiResponse, s: Said): BackendError {
  return new BackendError({
    code: 'quota_exhausted',
    message: `This key is out of credits or quota${s.message ? `: ${s.message}` : '.'}`,
    endpoint: res.endpoint,
    status: res.status,
  });
}

function map429(res: FailedApiResponse, s: Said, now: number): BackendError {
  if (QUOTA.test(`${s.code} ${s.type}`)) return quotaError(res, s);
  const retryAfterMs = parseRetryAfter(res.headers, now);
  return new BackendError({
    code: 'rate_limited',
    message:
      'The server asked us to slow down (too many requests or jobs at once); waiting before the next request.',
    endpoint: res.endpoint,
    status: 429,
    retryAfterMs,
  });
}

function map404(res: FailedApiResponse, s: Said): BackendError {
  const text = `${s.code} ${s.message}`;
  if (NOT_READY.test(text)) {
    return new BackendError({
      code: 'not_ready',
      message: 'The video is not ready yet.',
      endpoint: res.endpoint,
      status: 404,
    });
  }
  const message = EXPIRED.test(text)
    ? 'The video file has expired on the server and can no longer be downloaded.'
    : `The server does not know this address or video (HTTP 404)${s.message ? `: ${s.message}` : ''}. Check the base URL.`;
  return new BackendError({ code: 'fatal', message, endpoint: res.endpoint, status: 404 });
}

function mapRefusal(res: FailedApiResponse, s: Said): BackendError {
  if (POLICY.test(`${s.code} ${s.type} ${s.message}`)) {
    return new BackendError({
      code: 'content_policy',
      message: s.message || 'The request was refused under the service’s content policy.',
      endpoint: res.endpoint,
      status: res.status,
    });
  }
  return new BackendError({
    code: 'bad_request',
    message: s.message
      ? `The server refused the request: ${s.message}`
      : `The server refused the request (HTTP ${res.status}).`,
    endpoint: res.endpoint,
    status: res.status,
  });
}

/** Maps any non-2xx answer of a Videos API server (OpenAI, LiteLLM, new-api, Azure) into the taxonomy. */
export function mapVideosApiFailure(res: FailedApiResponse, now: number): BackendError {
  const e = classify(res, now);
  const detail = said(res.body).message || null;
  if (!detail) return e;
  return new BackendError({
    code: e.code,
    message: e.message,
    endpoint: e.endpoint,
    status: res.status,
    retryAfterMs: e.retryAfterMs,
    retryable: e.retryable,
    detail,
  });
}

function classify(res: FailedApiResponse, now: number): BackendError {
  const s = said(res.body);
  if (res.status === 429) return map429(res, s, now);
  if (res.status === 402 || (res.status === 403 && QUOTA.test(`${s.code} ${s.type} ${s.message}`)))
    return quotaError(res, s);
  if (res.status === 401 || res.status === 403) {
    return new BackendError({
      code: 'auth',
      message: `The API key was refused (HTTP ${res.status})${s.message ? `: ${s.message}` : '.'}`,
      endpoint: res.endpoint,
      status: res.status,
    });
  }
  if (res.status === 404) return map404(res, s);
  if (res.status === 408 || res.status === 409 || res.status === 425 || res.status >= 500) {
    return new BackendError({
      code: 'fatal',
      retryable: true,
      message: `The server had a temporary problem (HTTP ${res.status}); trying again.`,
      endpoint: res.endpoint,
      status: res.status,
      retryAfterMs: parseRetryAfter(res.headers, now),
    });
  }
  if (res.status === 400 || res.status === 413 || res.status === 415 || res.status === 422)
    return mapRefusal(res, s);
  return new BackendError({
    code: 'fatal',
    message: `The server answered HTTP ${res.status}.`,
    endpoint: res.endpoint,
    status: res.status,
  });
}
