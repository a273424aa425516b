import { z } from 'zod/mini';
import { SoraError } from './errors';

/** docs/backend-facts.md §3.1: the flow name the web app uses for every create (video, storyboard, remix, image). */
export const CREATE_FLOW = 'sora_2_create_task';

/** The header value is a JSON string; `id` is the device id (`oai-did`) the server matches (docs/backend-facts.md §3.2). */
const SentinelTokenSchema = z.looseObject({ id: z.string().check(z.minLength(1)), flow: z.string() });

export interface SentinelToken {
  header: string;
  /**
   * The device id for `oai-device-id`. The manifest has no `cookies` permission on purpose: the page
   * SDK fills `id` from the `oai-did` cookie (docs/backend-facts.md §2.1, §3.2), so the token carries it to us.
   */
  deviceId: string;
}

export interface SentinelDeps {
  /** Runs `SentinelSDK.token(flow)` inside a sora.chatgpt.com page; the script's result is the only channel. */
  runInPage: (flow: string) => Promise<string | null>;
  now: () => number;
}

export interface Sentinel {
  token(flow?: string): Promise<SentinelToken>;
  /** Forget the cached token (after a `sentinel_block`). */
  invalidate(): void;
}

/** How long one token is reused; docs/backend-facts.md §3.3: tools reuse for minutes, exact TTL unknown, so stay short. */
export const SENTINEL_REUSE_MS = 60_000;
/** After the SDK could not be had, wait this long before touching tabs again: never a loop. */
export const SENTINEL_COOLDOWN_MS = 30_000;

function unavailable(): SoraError {
  return new SoraError({
    code: 'sentinel_unavailable',
    message:
      'Could not get a request check from sora.chatgpt.com. Open sora.chatgpt.com in a tab, then resume.',
    endpoint: 'sentinel',
  });
}

function parse(raw: string | null): SentinelToken | null {
  if (!raw) return null;
  try {
    const result = SentinelTokenSchema.safeParse(JSON.parse(raw));
    return result.success ? { header: raw, deviceId: result.data.id } : null;
  } catch {
    return null;
  }
}

/** Creates the sentinel provider: the page's own SDK, a short reuse window, one request at a time. */
export function createSentinel(deps: SentinelDeps): Sentinel {
  const cache = new Map<string, { token: SentinelToken; at: number }>();
  const inFlight = new Map<string, Promise<SentinelToken>>();
  let failedAt: number | null = null;

  async function fetchToken(flow: string): Promise<SentinelToken> {
    const token = parse(await deps.runInPage(flow).catch(() => null));
    if (!token) {
      failedAt = deps.now();
      throw unavailable();
    }
    failedAt = null;
    cache.set(flow, { token, at: deps.now() });
    return token;
  }

  return {
    async token(flow = CREATE_FLOW) {
      const cached = cache.get(flow);
      if (cached && deps.now() - cached.at < SENTINEL_REUSE_MS) return cached.token;
      if (failedAt !== null && deps.now() - failedAt < SENTINEL_COOLDOWN_MS) throw unavailable();
      const running = inFlight.get(flow) ?? fetchToken(flow).finally(() => inFlight.delete(flow));
      inFlight.set(flow, running);
      return running;
    },
    invalidate() {
      cache.clear();
    },
  };
}
