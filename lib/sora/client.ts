import type { z } from 'zod';
import { isSoraError } from './errors';
import type { Http } from './http';
import {
  CreateResponseSchema,
  type Draft,
  DraftByIdSchema,
  DraftsPageSchema,
  PendingResponseSchema,
  type PendingTask,
  QuotaResponseSchema,
  SubscriptionsSchema,
} from './schemas';
import type { Sentinel } from './sentinel';
import { type Session, SORA_ORIGIN } from './session';

const BACKEND = `${SORA_ORIGIN}/backend`;

/** The video create body (facts §4.1); fields the web app sends as null are sent as null. */
export interface VideoCreateBody {
  kind: 'video';
  prompt: string;
  orientation: 'landscape' | 'portrait' | 'square';
  size: 'small' | 'large';
  n_frames: number;
  model: 'sy_8' | 'sy_ore';
  style_id: string | null;
  remix_target_id: string | null;
  inpaint_items: unknown[];
  cameo_ids: string[] | null;
  storyboard_id: string | null;
}

export interface Quota {
  remaining: number | null;
  rateLimitReached: boolean;
  resetsAt: number | null;
}

export interface SoraClientDeps {
  http: Http;
  session: Session;
  sentinel: Sentinel;
  now: () => number;
}

/** One typed method per endpoint. */
export interface SoraClient {
  createVideo(body: VideoCreateBody): Promise<string>;
  pending(): Promise<PendingTask[]>;
  drafts(cursor?: string | null, limit?: number): Promise<{ items: Draft[]; cursor: string | null }>;
  draft(generationId: string): Promise<Draft>;
  quota(): Promise<Quota>;
  plan(): Promise<string | null>;
}

/** Creates the sora.chatgpt.com client over the injected HTTP layer, session and sentinel. */
export function createSoraClient(deps: SoraClientDeps): SoraClient {
  /** Bearer on every backend call; one token refresh after a 401 (facts §2.4, SCD "refresh once"). */
  async function authed<T extends z.ZodType>(
    endpoint: string,
    path: string,
    init: RequestInit,
    schema: T,
  ): Promise<z.output<T>> {
    const attempt = async (): Promise<z.output<T>> => {
      const token = await deps.session.token();
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${token}`);
      return deps.http.json(
        { endpoint, url: `${BACKEND}${path}`, init: { ...init, headers, credentials: 'include' } },
        schema,
      );
    };
    try {
      return await attempt();
    } catch (error) {
      if (!isSoraError(error) || error.code !== 'auth') throw error;
      await deps.session.invalidate();
      return attempt();
    }
  }

  /** Writes carry the sentinel token and device id (facts §3.3 step 4); one fresh token after a block. */
  async function write<T extends z.ZodType>(
    endpoint: string,
    path: string,
    body: unknown,
    schema: T,
  ): Promise<z.output<T>> {
    const attempt = async (): Promise<z.output<T>> => {
      const sentinel = await deps.sentinel.token();
      const headers = {
        'content-type': 'application/json',
        'openai-sentinel-token': sentinel.header,
        'oai-device-id': sentinel.deviceId,
        'oai-language': 'en-US',
      };
      return authed(endpoint, path, { method: 'POST', headers, body: JSON.stringify(body) }, schema);
    };
    try {
      return await attempt();
    } catch (error) {
      if (!isSoraError(error) || error.code !== 'sentinel') throw error;
      deps.sentinel.invalidate();
      return attempt();
    }
  }

  return {
    async createVideo(body) {
      const created = await write('create', '/nf/create', body, CreateResponseSchema);
      return (created.id ?? created.task_id)!;
    },
    pending: () => authed('pending', '/nf/pending/v2', {}, PendingResponseSchema),
    async drafts(cursor, limit = 15) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      const page = await authed('drafts', `/project_y/profile/drafts/v2?${query}`, {}, DraftsPageSchema);
      return { items: page.items, cursor: page.cursor ?? null };
    },
    async draft(generationId) {
      const path = `/project_y/profile/drafts/v2/${encodeURIComponent(generationId)}`;
      return (await authed('draft', path, {}, DraftByIdSchema)).draft;
    },
    async quota() {
      const body = await authed('quota', '/nf/check', {}, QuotaResponseSchema);
      const balance = body.rate_limit_and_credit_balance;
      const seconds = balance.access_resets_in_seconds;
      return {
        remaining: balance.estimated_num_videos_remaining ?? null,
        rateLimitReached: balance.rate_limit_reached === true,
        resetsAt: typeof seconds === 'number' ? deps.now() + seconds * 1000 : null,
      };
    },
    async plan() {
      const body = await authed('plan', '/billing/subscriptions', {}, SubscriptionsSchema);
      return body.data[0]?.plan.id ?? null;
    },
  };
}
