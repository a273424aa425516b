import type { Caller } from './call';
import {
  EnhanceSchema,
  InitializeAsyncSchema,
  ModelsSchema,
  QuotaResponseSchema,
  SubscriptionsSchema,
} from './schemas-extra';

export interface Quota {
  /** Video gens left in the window (docs/backend-facts.md §7.1), null when the backend did not say. */
  remaining: number | null;
  rateLimitReached: boolean;
  resetsAt: number | null;
}

export interface NamedOption {
  id: string;
  label: string;
}

export interface EnhanceInput {
  prompt: string;
  level: 'short' | 'medium' | 'long';
  durationS: number;
}

/** Account and composer endpoints (docs/backend-facts.md §2.6, §4.8, §4.11, §7.1); reads plus one non-sentinel POST. */
export function createAccountEndpoints(call: Caller, now: () => number) {
  return {
    async quota(): Promise<Quota> {
      const balance = (await call.read('quota', '/nf/check', QuotaResponseSchema))
        .rate_limit_and_credit_balance;
      const seconds = balance.access_resets_in_seconds;
      return {
        remaining: balance.estimated_num_videos_remaining ?? null,
        rateLimitReached: balance.rate_limit_reached === true,
        resetsAt: typeof seconds === 'number' ? now() + seconds * 1000 : null,
      };
    },
    /** Plan id (`chatgpt_free|plus|pro|team`, docs/backend-facts.md §2.6) of the first subscription, null when none. */
    async plan(): Promise<string | null> {
      const body = await call.read('plan', '/billing/subscriptions', SubscriptionsSchema);
      return body.data[0]?.plan.id ?? null;
    },
    /** `/backend/models?nf2=true` (docs/backend-facts.md §2.6). */
    async models(): Promise<NamedOption[]> {
      const body = await call.read('models', '/models?nf2=true', ModelsSchema);
      return body.data.map((m) => ({ id: m.id, label: m.label ?? m.id }));
    },
    /** Styles from `initialize_async` (docs/backend-facts.md §4.8: fetch, do not hard-code). */
    async styles(): Promise<NamedOption[]> {
      const body = await call.read('styles', '/project_y/initialize_async', InitializeAsyncSchema);
      return (body.styles ?? []).map((s) => ({ id: s.id, label: s.display_name ?? s.id }));
    },
    /** `POST /backend/editor/enhance_prompt` (docs/backend-facts.md §4.11), no sentinel. */
    async enhancePrompt(input: EnhanceInput): Promise<string> {
      const body = { prompt: input.prompt, expansion_level: input.level, duration_s: input.durationS };
      return (await call.post('enhance', '/editor/enhance_prompt', body, EnhanceSchema)).enhanced_prompt;
    },
  };
}
