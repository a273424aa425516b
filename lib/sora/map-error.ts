import { SoraError } from './errors';
import { type ErrorBody, ErrorBodySchema } from './schemas';

/** What the mapper needs from a failed response; plain data so it is easy to table-test. */
export interface FailedResponse {
  endpoint: string;
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  cfMitigated: boolean;
  body: string;
}

const CONCURRENT_MESSAGE = /already have \d+ generations in progress|only generate \d+ videos at a time/i;
const POLICY_MESSAGE = /content polic|violat/i;
const POLICY_CODE = /content_policy|violation|moderation/i;
const OVERLOAD_MESSAGE = /heavy load/i;
/** docs/backend-facts.md §7.5 (CVD): statuses worth retrying besides 5xx. */
const RETRY_STATUSES = new Set([408, 425]);

/** `Retry-After` is seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function parseBody(text: string): ErrorBody | null {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isChallenge(res: FailedResponse): boolean {
  // docs/backend-facts.md §7.4: Cloudflare answers 403/429 with HTML "Just a moment…" or a cf-mitigated header.
  if (res.cfMitigated) return true;
  const html = (res.contentType ?? '').includes('text/html') || /^\s*</.test(res.body);
  return (
    html && (res.status === 403 || res.status === 429 || /just a moment|challenge-platform/i.test(res.body))
  );
}

function dailyResetAt(body: ErrorBody | null, retryAfterMs: number | null, now: number): number | null {
  const seconds = body?.rate_limit_and_credit_balance?.access_resets_in_seconds;
  if (typeof seconds === 'number') return now + seconds * 1000;
  return retryAfterMs === null ? null : now + retryAfterMs;
}

function isDaily(body: ErrorBody | null): boolean {
  // docs/backend-facts.md §7.2 (SPQ heuristics): `rate_limit_exhausted`, or the balance says the limit is reached.
  const type = body?.error?.type ?? body?.type;
  const code = body?.error?.code;
  if (type === 'rate_limit_exhausted' || code === 'rate_limit_exhausted') return true;
  return body?.rate_limit_and_credit_balance?.rate_limit_reached === true;
}

function map429(res: FailedResponse, body: ErrorBody | null, now: number): SoraError {
  const retryAfterMs = parseRetryAfter(res.retryAfter, now);
  const message = body?.error?.message ?? '';
  if (isDaily(body)) {
    const resetAt = dailyResetAt(body, retryAfterMs, now);
    return new SoraError({
      code: 'rate_limit_daily',
      message: 'Daily generation limit reached; jobs resume when it resets.',
      endpoint: res.endpoint,
      status: 429,
      retryAfterMs,
      resetAt,
    });
  }
  const concurrent = body?.error?.code === 'too_many_concurrent_tasks' || CONCURRENT_MESSAGE.test(message);
  return new SoraError({
    code: 'rate_limit_concurrent',
    message: concurrent
      ? 'Sora is already running the most generations it allows at once; waiting for a free slot.'
      : 'Sora asked us to slow down; waiting before the next request.',
    endpoint: res.endpoint,
    status: 429,
    retryAfterMs,
  });
}

function map400(res: FailedResponse, body: ErrorBody | null): SoraError {
  const code = body?.error?.code ?? '';
  const message = body?.error?.message ?? '';
  // docs/backend-facts.md §3.1/§7.3: sentinel_block, or invalid_request with the "Hmmm…" text or, with no `param`,
  // "Unable to process request" (SHC #69: bad body *or* sentinel). docs/backend-facts.md §8 step 5 says: fresh token, retry once.
  const sentinelLike =
    code === 'sentinel_block' ||
    (code === 'invalid_request' &&
      (/didn't look right/i.test(message) ||
        (/unable to process request/i.test(message) && (body?.error?.param ?? null) === null)));
  if (sentinelLike) {
    return new SoraError({
      code: 'sentinel',
      message: 'Sora rejected the request check (sentinel); a fresh check token is needed.',
      endpoint: res.endpoint,
      status: res.status,
    });
  }
  if (POLICY_MESSAGE.test(message) || POLICY_CODE.test(code)) {
    return new SoraError({
      code: 'content_policy',
      message: message || 'Sora refused this request under its content policy.',
      endpoint: res.endpoint,
      status: res.status,
    });
  }
  return new SoraError({
    code: 'fatal',
    message: message
      ? `Sora refused the request: ${message}`
      : `Sora refused the request (HTTP ${res.status}).`,
    endpoint: res.endpoint,
    status: res.status,
  });
}

/** Codes that mean the token itself is bad, whatever the status (docs/backend-facts.md §2.4, §7.3). */
const AUTH_CODES = new Set(['token_invalidated', 'token_expired']);
/** JSON 403 codes that are about the request, not the session (docs/backend-facts.md §4.2 plan gate, §2.6 region). */
const NOT_AUTH_403 = new Set(['model_not_allowed', 'unsupported_country_code']);

function authError(res: FailedResponse): SoraError {
  return new SoraError({
    code: 'auth',
    message:
      'Your Sora session expired or was signed out. Sign in at sora.chatgpt.com; jobs resume by themselves.',
    endpoint: res.endpoint,
    status: res.status,
  });
}

function forbidden(res: FailedResponse, code: string, message: string): SoraError {
  const text =
    code === 'unsupported_country_code'
      ? 'Sora is not available in your region.'
      : message || `Sora refused the request (HTTP ${res.status}).`;
  return new SoraError({ code: 'fatal', message: text, endpoint: res.endpoint, status: res.status });
}

/** Maps any non-2xx response into the error taxonomy. */
export function mapFailedResponse(res: FailedResponse, now: number): SoraError {
  if (isChallenge(res)) {
    return new SoraError({
      code: 'challenge',
      message: 'Sora is showing a browser check. Open sora.chatgpt.com in a tab, complete it, then resume.',
      endpoint: res.endpoint,
      status: res.status,
    });
  }
  const body = parseBody(res.body);
  const code = body?.error?.code ?? '';
  if (res.status === 429) return map429(res, body, now);
  if (code === 'unsupported_country_code' || (res.status === 403 && NOT_AUTH_403.has(code)))
    return forbidden(res, code, body?.error?.message ?? '');
  if (res.status === 401 || res.status === 403 || AUTH_CODES.has(code)) return authError(res);
  if (
    RETRY_STATUSES.has(res.status) ||
    res.status >= 500 ||
    OVERLOAD_MESSAGE.test(body?.error?.message ?? '')
  ) {
    return new SoraError({
      code: 'retryable',
      message: `Sora had a temporary problem (HTTP ${res.status}); retrying.`,
      endpoint: res.endpoint,
      status: res.status,
      retryAfterMs: parseRetryAfter(res.retryAfter, now),
    });
  }
  return map400(res, body);
}
