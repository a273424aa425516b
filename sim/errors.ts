import { apiError } from './http';

/** docs/backend-facts.md §3.1: the body of a rejected sentinel token. */
export const sentinelBlockBody = () =>
  apiError(
    "Hmmm something didn't look right with your request. Please try again later or visit https://help.openai.com if this issue persists.",
    'sentinel_block',
  );

/** docs/backend-facts.md §2.4 / §7.3: revoked or expired access token. */
export const tokenInvalidatedBody = () =>
  apiError(
    'Your authentication token has been invalidated. Please try signing in again.',
    'token_invalidated',
  );

/** docs/backend-facts.md §2.4 (SV §2.2): no Authorization header. */
export const missingBearerBody = () => apiError('Missing bearer authentication in header', null);

/** docs/backend-facts.md §7.2: the 3-concurrent limit (exact body uncertain; the sim uses the SPQ heuristics' fields). */
export const concurrentBody = (n: number) => ({
  error: {
    ...apiError(
      `You already have ${n} generations in progress. Please wait for one to finish before starting another.`,
      'too_many_concurrent_tasks',
    ).error,
    details: { num_tasks: n },
  },
});

/** docs/backend-facts.md §7.4: Cloudflare interstitial. */
export const CLOUDFLARE_HTML =
  '<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title></head>' +
  '<body><div id="challenge-platform">Checking if the site connection is secure</div>' +
  '<script src="/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1"></script></body></html>';
