import { CLOUDFLARE_HTML, concurrentBody, sentinelBlockBody, tokenInvalidatedBody } from './errors';
import { pathMatches } from './log';
import type { FaultAction, FaultRule, Faults } from './types';

/** Paths that need a sentinel token (docs/backend-facts.md §3.1). */
export const SENTINEL_WRITE_PATHS = /^\/backend\/(nf\/create(\/storyboard)?|video_gen)$/;

interface ArmedRule extends FaultRule {
  times: number;
}

/** Faults plus the sim-side hook that consumes a matching rule. */
export interface SimFaults extends Faults {
  take(method: string, host: string, path: string): FaultAction | null;
}

/** Creates the fault registry; quota hooks back dailyLimit()/resetQuota(). */
export function createFaults(quota: { exhaust(): void; reset(): void }): SimFaults {
  let rules: ArmedRule[] = [];
  const inject = (rule: FaultRule): void => {
    const times = rule.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('fault times must be a positive integer');
    rules.push({ ...rule, times });
  };
  const on = (path: string | RegExp, times: number, action: FaultAction, method?: string): void =>
    inject({ path, times, action, ...(method ? { method } : {}) });
  return {
    inject,
    take(method, host, path) {
      const i = rules.findIndex(
        (r) =>
          (!r.method || r.method.toUpperCase() === method) &&
          (!r.host || r.host === host) &&
          pathMatches(r.path, path),
      );
      const rule = rules[i];
      if (!rule) return null;
      rule.times -= 1;
      if (rule.times <= 0) rules.splice(i, 1);
      return rule.action;
    },
    tokenInvalidated: (times = 1) =>
      inject({
        host: 'sora.chatgpt.com',
        path: /^\/backend\//,
        times,
        action: { kind: 'status', status: 401, body: tokenInvalidatedBody() },
      }),
    cloudflareChallenge: (path, times = 1) =>
      on(path, times, {
        kind: 'html',
        status: 403,
        html: CLOUDFLARE_HTML,
        headers: { 'cf-mitigated': 'challenge' },
      }),
    serverErrors: (path, times, status = 502) =>
      on(path, times, {
        kind: 'status',
        status,
        body: {
          error: {
            message: "We're under heavy load, please try again later.",
            type: 'server_error',
            param: null,
            code: null,
          },
        },
      }),
    sentinelBlock: (times = 1) =>
      on(SENTINEL_WRITE_PATHS, times, { kind: 'status', status: 400, body: sentinelBlockBody() }, 'POST'),
    loseCreateResponse: (times = 1) => on('/backend/nf/create', times, { kind: 'accept-then-cut' }, 'POST'),
    hangCreateAnswer: (mode = 'hang', times = 1) =>
      on(
        '/backend/nf/create',
        times,
        mode === 'hang'
          ? { kind: 'accept-then-hang' }
          : { kind: 'accept-then-cut', holdUntil: 'task-finished' },
        'POST',
      ),
    duplicateCreate: (times = 1) => on('/backend/nf/create', times, { kind: 'duplicate' }, 'POST'),
    hang: (path, times = 1) => on(path, times, { kind: 'hang' }),
    slow: (path, ms, times = 1) => on(path, times, { kind: 'delay', ms }),
    concurrentLimit: (times = 1) =>
      on('/backend/nf/create', times, { kind: 'status', status: 429, body: concurrentBody(3) }, 'POST'),
    dailyLimit: () => quota.exhaust(),
    resetQuota: () => quota.reset(),
    clear() {
      rules = [];
    },
    active: () => rules.map((r) => ({ ...r })),
  };
}
