import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BACKOFF } from '@/lib/backend/backoff';
import type { SoraClient } from '@/lib/sora/client';
import { isSoraError, type SoraError } from '@/lib/sora/errors';
import { createStack, fixture, json, jwt, routeFetch } from './helpers';

// Reliability docs/reliability.md §14 through the real client stack (http → session → client), on fake timers:
// after a 429 with `Retry-After: 7` the next request to that endpoint leaves ≥ 7 s later, whoever
// asks for it; without the header the waits are full jitter under min(cap, base·2^n).

const png = new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
const video = new Blob([new Uint8Array(8)], { type: 'video/mp4' });
const videoBody = {
  kind: 'video' as const,
  prompt: 'A red fox',
  orientation: 'portrait' as const,
  size: 'small' as const,
  n_frames: 300,
  model: 'sy_8' as const,
  style_id: null,
  remix_target_id: null,
  inpaint_items: [],
  cameo_ids: null,
  storyboard_id: null,
};
const imageBody = {
  type: 'image_gen' as const,
  operation: 'simple_compose' as const,
  prompt: 'A lighthouse',
  width: 720,
  height: 480,
  n_variants: 1,
  n_frames: 1 as const,
  inpaint_items: [],
};
const finalize = {
  cameo_id: 'cameo_01kn3',
  username: 'u123',
  display_name: 'U',
  profile_asset_pointer: 'sediment://file_abc',
  instruction_set: null,
  safety_instruction_set: null,
};

type Family = [name: string, route: string, ok: () => Response, call: (c: SoraClient) => Promise<unknown>];
/** Every endpoint family the product calls, with a valid answer for each. */
const FAMILIES: Family[] = [
  ['pending', 'GET /backend/nf/pending/v2', () => json(200, fixture('pending')), (c) => c.pending()],
  [
    'drafts',
    'GET /backend/project_y/profile/drafts/v2',
    () => json(200, fixture('drafts-page1')),
    (c) => c.drafts(),
  ],
  [
    'draft by id',
    'GET /backend/project_y/profile/drafts/v2/gen_01kn2a',
    () => json(200, fixture('draft-by-id')),
    (c) => c.draft('gen_01kn2a'),
  ],
  [
    'recent tasks',
    'GET /backend/v2/recent_tasks',
    () => json(200, fixture('recent-tasks')),
    (c) => c.recentImageTasks(),
  ],
  ['create', 'POST /backend/nf/create', () => json(200, fixture('create')), (c) => c.createVideo(videoBody)],
  [
    'storyboard create',
    'POST /backend/nf/create/storyboard',
    () => json(200, fixture('create')),
    (c) => c.createStoryboard(videoBody),
  ],
  [
    'image create',
    'POST /backend/video_gen',
    () => json(200, fixture('create')),
    (c) => c.createImage(imageBody),
  ],
  [
    'uploads',
    'POST /backend/uploads',
    () => json(200, fixture('upload')),
    (c) => c.uploadImage(png, 'a.png'),
  ],
  [
    'file upload',
    'POST /backend/project_y/file/upload',
    () => json(200, fixture('file-upload')),
    (c) => c.uploadFile(png, 'a.png'),
  ],
  [
    'character upload',
    'POST /backend/characters/upload',
    () => json(200, fixture('cameo-created')),
    (c) => c.characterUpload(video),
  ],
  [
    'character status',
    'GET /backend/project_y/cameos/in_progress/cameo_01kn3',
    () => json(200, fixture('cameo-processing')),
    (c) => c.cameoStatus('cameo_01kn3'),
  ],
  [
    'character finalize',
    'POST /backend/characters/finalize',
    () => json(200, fixture('finalize')),
    (c) => c.characterFinalize(finalize),
  ],
  ['quota', 'GET /backend/nf/check', () => json(200, fixture('nf-check')), (c) => c.quota()],
  ['plan', 'GET /backend/billing/subscriptions', () => json(200, fixture('subscriptions')), (c) => c.plan()],
  ['models', 'GET /backend/models', () => json(200, fixture('models')), (c) => c.models()],
  [
    'styles',
    'GET /backend/project_y/initialize_async',
    () => json(200, fixture('initialize-async')),
    (c) => c.styles(),
  ],
  [
    'enhance',
    'POST /backend/editor/enhance_prompt',
    () => json(200, fixture('enhance')),
    (c) => c.enhancePrompt({ prompt: 'a cat', level: 'short', durationS: 10 }),
  ],
];

const slowDown = (headers: Record<string, string> = {}): Response =>
  json(429, { error: { message: 'Too many requests, slow down.', code: 'rate_limited' } }, headers);

const failure = async (p: Promise<unknown>): Promise<SoraError> => {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isSoraError(error)) throw new Error(`expected a SoraError, got ${String(error)}`);
  return error;
};

/** The real stack over scripted routes; `times(route)` says when each request to a route left. */
function setup(routes: Parameters<typeof routeFetch>[0], random?: () => number) {
  const session = () =>
    json(200, { ...(fixture('session') as object), accessToken: jwt(Date.now() + 8 * 86_400_000) });
  const f = routeFetch({ 'GET /api/auth/session': session, ...routes });
  const sent: { key: string; at: number }[] = [];
  const fetch = (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input);
    const host = url.host === 'sora.chatgpt.com' ? '' : url.host;
    sent.push({ key: `${init.method ?? 'GET'} ${host}${url.pathname}`, at: Date.now() });
    return f.fetch(input, init);
  };
  const stack = createStack({ fetch, now: () => Date.now(), ...(random ? { random } : {}) });
  const times = (route: string): number[] => sent.filter((s) => s.key === route).map((s) => s.at);
  return { ...stack, times };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(1_775_000_000_000);
});
afterEach(() => vi.useRealTimers());

describe('Retry-After is honoured on every endpoint (docs/reliability.md §14)', () => {
  it.each(FAMILIES)(
    '%s: after a 429 with Retry-After: 7, the next request leaves ≥ 7 s later',
    async (_n, route, ok, call) => {
      const s = setup({ [route]: [slowDown({ 'retry-after': '7' }), ok] });
      const start = Date.now();
      const refused = await failure(call(s.client));
      expect(refused.status).toBe(429);
      expect(refused.retryAfterMs).toBe(7_000);
      // A caller that keeps asking every half second is held back without a request being made.
      for (let t = 500; t < 7_000; t += 500) {
        await vi.advanceTimersByTimeAsync(500);
        const held = await failure(call(s.client));
        expect(held.retryAfterMs).toBe(7_000 - t);
        expect(held.code).toBe(refused.code);
      }
      expect(s.times(route)).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(500);
      await expect(call(s.client)).resolves.toBeDefined();
      const [first, second] = s.times(route);
      expect(first).toBe(start);
      expect(second! - first!).toBeGreaterThanOrEqual(7_000);
    },
  );

  it('the session endpoint is held too', async () => {
    const body = { ...(fixture('session') as object), accessToken: jwt(Date.now() + 86_400_000) };
    const s = setup({ 'GET /api/auth/session': [slowDown({ 'retry-after': '7' }), json(200, body)] });
    await failure(s.session.check());
    await vi.advanceTimersByTimeAsync(6_999);
    await failure(s.session.check());
    expect(s.times('GET /api/auth/session')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await s.session.check()).state).toBe('signed-in');
  });

  it('a held endpoint does not hold the others', async () => {
    const s = setup({
      'GET /backend/nf/pending/v2': [slowDown({ 'retry-after': '7' }), json(200, fixture('pending'))],
      'GET /backend/project_y/profile/drafts/v2': json(200, fixture('drafts-page1')),
    });
    await failure(s.client.pending());
    await expect(s.client.drafts()).resolves.toBeDefined();
    expect(s.times('GET /backend/project_y/profile/drafts/v2')).toHaveLength(1);
  });

  it('a 503 with an HTTP-date Retry-After holds until that date', async () => {
    const at = new Date(Date.now() + 9_000).toUTCString();
    const s = setup({
      'GET /backend/nf/pending/v2': [
        json(503, { error: { message: 'Service unavailable' } }, { 'retry-after': at }),
        json(200, fixture('pending')),
      ],
    });
    await failure(s.client.pending());
    await vi.advanceTimersByTimeAsync(8_000);
    await failure(s.client.pending());
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(s.client.pending()).resolves.toBeDefined();
    const [a, b] = s.times('GET /backend/nf/pending/v2');
    expect(b! - a!).toBeGreaterThanOrEqual(9_000);
  });
});

describe('without Retry-After: full-jitter backoff per endpoint (docs/reliability.md §14)', () => {
  it.each(FAMILIES.filter(([name]) => ['pending', 'drafts', 'create', 'uploads'].includes(name)))(
    '%s: successive waits within [0, min(cap, base·2^n)], growing with the streak',
    async (_n, route, ok, call) => {
      const draws = [0.99, 0.99, 0.99, 0.99, 0.99, 0.99, 0.99];
      const s = setup({ [route]: [...draws.map(() => slowDown()), ok] }, () => draws.shift() ?? 0.5);
      // An eager caller: asks again every 100 ms until a request goes out.
      for (let i = 0; i < 7; i++) {
        await failure(call(s.client));
        while (s.times(route).length === i + 1) {
          await vi.advanceTimersByTimeAsync(100);
          await call(s.client).catch(() => undefined);
        }
      }
      const sentAt = s.times(route);
      const gaps = sentAt.slice(1).map((t, n) => t - sentAt[n]!);
      gaps.forEach((gap, n) => {
        const ceiling = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** n);
        const budgetSpent = n >= DEFAULT_BACKOFF.maxAttempts;
        // Past the budget the wait is the cap itself; the request loop here ticks every 100 ms.
        const lower = budgetSpent ? DEFAULT_BACKOFF.capMs : Math.floor(0.99 * ceiling);
        expect(gap, `gap ${n}`).toBeGreaterThanOrEqual(lower);
        expect(gap, `gap ${n}`).toBeLessThanOrEqual((budgetSpent ? DEFAULT_BACKOFF.capMs : ceiling) + 100);
      });
    },
  );

  it('the jitter is real: a low draw allows an early retry, and success ends the streak', async () => {
    const s = setup(
      {
        'GET /backend/nf/pending/v2': [
          slowDown(),
          slowDown(),
          json(200, fixture('pending')),
          slowDown(),
          json(200, fixture('pending')),
        ],
      },
      () => 0,
    );
    await failure(s.client.pending());
    await failure(s.client.pending()); // the draw was 0: no wait at all
    await expect(s.client.pending()).resolves.toBeDefined();
    await failure(s.client.pending());
    await expect(s.client.pending()).resolves.toBeDefined();
    expect(s.times('GET /backend/nf/pending/v2')).toHaveLength(5);
  });
});
