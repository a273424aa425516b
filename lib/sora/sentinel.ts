import { z } from 'zod';
import { SoraError } from './errors';

/** facts §3.1: the flow name the web app uses for every create. */
export const CREATE_FLOW = 'sora_2_create_task';

/** The header value is a JSON string; `id` is the device id (`oai-did`) the server matches (facts §3.2). */
const SentinelTokenSchema = z.looseObject({ id: z.string().min(1), flow: z.string() });

export interface SentinelToken {
  header: string;
  deviceId: string;
}

export interface SentinelDeps {
  /** Runs `SentinelSDK.token(flow)` inside a sora.chatgpt.com page and returns its result. */
  runInPage: (flow: string) => Promise<string | null>;
  now: () => number;
}

export interface Sentinel {
  token(): Promise<SentinelToken>;
  /** Forget the cached token (after a `sentinel_block`). */
  invalidate(): void;
}

/** How long one token is reused; facts §3.3: tools reuse for minutes, exact TTL unknown, so stay short. */
const REUSE_MS = 60_000;

/** Creates the sentinel provider: the page's own SDK, a short reuse window, never a loop. */
export function createSentinel(deps: SentinelDeps): Sentinel {
  let cached: { token: SentinelToken; at: number } | null = null;
  return {
    async token() {
      if (cached && deps.now() - cached.at < REUSE_MS) return cached.token;
      const raw = await deps.runInPage(CREATE_FLOW);
      let parsed: z.infer<typeof SentinelTokenSchema> | null = null;
      try {
        const result = raw === null ? null : SentinelTokenSchema.safeParse(JSON.parse(raw));
        parsed = result?.success ? result.data : null;
      } catch {
        parsed = null;
      }
      if (!raw || !parsed) {
        throw new SoraError({
          code: 'sentinel_unavailable',
          message:
            'Could not get a request check from sora.chatgpt.com. Open sora.chatgpt.com in a tab, then resume.',
          endpoint: 'sentinel',
        });
      }
      const token = { header: raw, deviceId: parsed.id };
      cached = { token, at: deps.now() };
      return token;
    },
    invalidate() {
      cached = null;
    },
  };
}
