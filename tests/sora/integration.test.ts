import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GenerationSpec } from '@/lib/sora/backend';
import { isSoraError, type SoraError } from '@/lib/sora/errors';
import { matchesCreate } from '@/lib/sora/reconcile';
import { type Sim, startSim } from '@/sim';
import { simStack } from './sim-stack';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim({ renderMs: 400, imageRenderMs: 200, cameoRenderMs: 200 });
});
afterEach(() => sim.close());

const spec: GenerationSpec = {
  prompt: 'A red fox running through snow',
  model: 'sy_8',
  orientation: 'portrait',
  size: 'small',
  nFrames: 300,
  styleId: null,
  remixTargetId: null,
};
const failure = async (p: Promise<unknown>): Promise<SoraError> => {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  if (!isSoraError(e)) throw new Error(`expected a SoraError, got ${String(e)}`);
  return e;
};
const count = (path: string | RegExp, method = 'GET') => sim.log.count(method, path);

describe('session against the sim (docs/backend-facts.md §2.2, §2.4)', () => {
  it('token refresh after a 401: same JWT back → own page reload → new JWT → one retry', async () => {
    const s = await simStack(sim);
    await s.client.quota();
    const first = s.stored()!.accessToken;
    sim.faults.tokenInvalidated(1);
    await expect(s.client.quota()).resolves.toMatchObject({ rateLimitReached: false });
    expect(s.reloads.count).toBe(1);
    expect(s.stored()!.accessToken).not.toBe(first);
    expect(count('/backend/nf/check')).toBe(3);
  });

  it('refreshes before expiry: the endpoint alone returns the same JWT, so its own page reloads', async () => {
    sim.set({ tokenTtlMs: 60_000 }); // the sign-in token is already inside the 120 s refresh margin
    const s = await simStack(sim);
    await (await s.f('https://sora.chatgpt.com/api/auth/session')).text(); // the session's JWT: 60 s
    sim.set({ tokenTtlMs: 8 * 86_400_000 });
    await expect(s.client.quota()).resolves.toBeTruthy();
    expect(s.reloads.count).toBe(1);
    expect(s.stored()!.expiresAt - Date.now()).toBeGreaterThan(86_400_000);
  });

  it('a page that keeps issuing near-expired tokens is an auth error after one reload, not a loop', async () => {
    sim.set({ tokenTtlMs: 60_000 });
    const s = await simStack(sim);
    expect((await failure(s.client.quota())).code).toBe('auth');
    expect(s.reloads.count).toBe(1);
    expect(count('/backend/nf/check')).toBe(0);
  });

  it('sign-out is a state, and sign-in is seen by the next check', async () => {
    const s = await simStack(sim);
    expect(await s.backend.session()).toEqual({
      state: 'signed-in',
      email: expect.any(String),
      plan: 'chatgpt_plus',
    });
    sim.signOut();
    expect(await s.backend.session()).toEqual({ state: 'signed-out' });
    expect((await failure(s.backend.poll([]))).code).toBe('signed_out');
    const before = sim.log.entries().length;
    expect(await s.backend.session()).toEqual({ state: 'signed-out' });
    expect(sim.log.entries().length - before).toBe(1); // one session check, nothing else
    sim.signIn();
    expect((await s.backend.session()).state).toBe('signed-in');
    await expect(s.backend.poll([])).resolves.toMatchObject({ activeCount: 0 });
  });
});

describe('writes against the sim', () => {
  it('sentinel refresh after sentinel_block: a fresh token and one retry', async () => {
    const s = await simStack(sim);
    sim.faults.sentinelBlock(1);
    await expect(s.backend.create(spec)).resolves.toMatchObject({ kind: 'created' });
    const creates = sim.log.filter({ method: 'POST', path: '/backend/nf/create' });
    expect(creates.map((e) => e.status)).toEqual([400, 200]);
    const c = (i: number) => JSON.parse(creates[i]!.headers['openai-sentinel-token']!).c;
    expect(c(0)).not.toBe(c(1));
    expect(creates[1]!.headers['oai-device-id']).toBe(s.deviceId());
  });

  it('two sentinel blocks in a row surface as sentinel, after exactly two tries', async () => {
    const s = await simStack(sim);
    sim.faults.sentinelBlock(5);
    expect((await failure(s.backend.create(spec))).code).toBe('sentinel');
    expect(count('/backend/nf/create', 'POST')).toBe(2);
  });

  it('no SDK: creates wait as sentinel_unavailable without sending anything', async () => {
    const s = await simStack(sim, { sdk: () => false });
    expect((await failure(s.backend.create(spec))).code).toBe('sentinel_unavailable');
    expect(count('/backend/nf/create', 'POST')).toBe(0);
  });

  it('429 concurrent: three in flight, the fourth is refused as rate_limit_concurrent', async () => {
    const s = await simStack(sim);
    sim.set({ renderMs: 60_000 });
    for (let i = 0; i < 3; i++) await s.backend.create({ ...spec, prompt: `p${i}` });
    const error = await failure(s.backend.create(spec));
    expect(error.code).toBe('rate_limit_concurrent');
    expect((await s.backend.poll([])).activeCount).toBe(3);
  });

  it('429 daily: rate_limit_daily with the reset time', async () => {
    const s = await simStack(sim);
    sim.faults.dailyLimit();
    const started = Date.now();
    const error = await failure(s.backend.create(spec));
    expect(error.code).toBe('rate_limit_daily');
    expect(error.resetAt! - started).toBeGreaterThan(86_000_000);
    expect(await s.backend.quota()).toMatchObject({ remaining: 0 });
  });

  it('an accepted create whose response is cut is uncertain, and the task is found by reconciling', async () => {
    const s = await simStack(sim);
    sim.faults.loseCreateResponse();
    const intentAt = Date.now();
    const out = await s.backend.create(spec);
    expect(out.kind).toBe('uncertain');
    expect(count('/backend/nf/create', 'POST')).toBe(1); // never resent
    const { recent } = await s.backend.poll([]);
    const match = recent.filter((t) => matchesCreate(t, spec, intentAt));
    expect(match.map((t) => t.taskId)).toEqual([sim.tasks()[0]!.id]);
    expect(recent.filter((t) => matchesCreate(t, { ...spec, nFrames: 450 }, intentAt))).toEqual([]);
  });

  it('after the task left pending, a poll reading drafts back past the intent still finds it (issue 11)', async () => {
    const s = await simStack(sim);
    sim.faults.loseCreateResponse();
    const intentAt = Date.now();
    expect((await s.backend.create(spec)).kind).toBe('uncertain');
    for (let i = 0; i < 5; i++) await s.backend.create({ ...spec, prompt: `later ${i}` }).catch(() => null);
    await new Promise((r) => setTimeout(r, 1_500)); // all rendered (400 ms) and in drafts
    const plain = await s.backend.poll([]);
    expect(plain.recent.filter((t) => matchesCreate(t, spec, intentAt))).toEqual([]); // pending only
    const looked = await s.backend.poll([], { draftsSince: intentAt });
    const match = looked.recent.filter((t) => matchesCreate(t, spec, intentAt));
    expect(match.map((t) => t.taskId)).toEqual([sim.tasks()[0]!.id]);
    expect(match[0]!.source).toBe('drafts');
  });
});

describe('reads against the sim', () => {
  it('a Cloudflare-style HTML 403 is a challenge, asked once, not retried', async () => {
    const s = await simStack(sim);
    await s.backend.poll([]);
    sim.faults.cloudflareChallenge('/backend/nf/pending/v2', 5);
    const error = await failure(s.backend.poll([]));
    expect(error.code).toBe('challenge');
    expect(error.message).toMatch(/Open sora\.chatgpt\.com/);
    expect(count('/backend/nf/pending/v2')).toBe(2);
  });

  it('a hanging response is cut by the timeout', async () => {
    const s = await simStack(sim, { timeoutMs: 300 });
    await s.session.token();
    sim.faults.hang('/backend/nf/pending/v2');
    const started = Date.now();
    const error = await failure(s.backend.poll([]));
    const took = Date.now() - started;
    expect(error.code).toBe('retryable');
    expect(error.responseLost).toBe(true);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    expect(s.log.at(-1)).toMatchObject({ status: 0, errorCode: 'retryable' });
  });

  it('a video goes pending → drafts → a signed link; the log holds no token or signature', async () => {
    const s = await simStack(sim);
    const out = await s.backend.create(spec);
    if (out.kind !== 'created') throw new Error('not created');
    const seen: string[] = [];
    for (let i = 0; i < 50; i++) {
      const snap = (await s.backend.poll([out.taskId])).tasks.get(out.taskId)!;
      seen.push(snap.state);
      if (snap.state === 'done') {
        const link = await s.backend.resolveMedia(snap.generationId);
        expect((await s.f(link.url)).status).toBe(200);
        break;
      }
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(seen).toContain('running');
    expect(seen.at(-1)).toBe('done');
    const logged = JSON.stringify(s.log);
    expect(logged).not.toContain(sim.currentAccessToken()!);
    expect(logged).not.toMatch(/sig=(?!\*\*\*)/);
  });
});

describe('modes against the sim (issue 7 wires them)', () => {
  const png = () => new Blob([new Uint8Array([137, 80, 78, 71, 1, 2, 3])], { type: 'image/png' });

  it('image-to-video: upload (both paths) then create with inpaint items', async () => {
    const s = await simStack(sim);
    const upload = await s.backend.uploadImage({ blob: png(), name: 'image.png' });
    const file = await s.backend.uploadImage({ blob: png(), name: 'frame.png' }, 'file');
    expect(upload.kind).toBe('upload');
    expect(file).toMatchObject({ kind: 'file', assetPointer: expect.stringMatching(/^sediment:\/\/file_/) });
    await expect(s.backend.create({ ...spec, images: [upload, file] })).resolves.toMatchObject({
      kind: 'created',
    });
    const unknown = await failure(
      s.backend.create({ ...spec, images: [{ kind: 'upload', id: 'media_nope' }] }),
    );
    expect(unknown.code).toBe('fatal');
  });

  it('storyboard and remix creates', async () => {
    const s = await simStack(sim);
    await expect(
      s.backend.createStoryboard({ ...spec, prompt: 'Shot 1:\nduration: 5.0sec\nScene: A cat' }),
    ).resolves.toMatchObject({ kind: 'created' });
    await expect(s.backend.remix({ ...spec, remixTargetId: `s_${'a'.repeat(32)}` })).resolves.toMatchObject({
      kind: 'created',
    });
    const story = sim.log.filter({ method: 'POST', path: '/backend/nf/create/storyboard' })[0]!;
    expect(story.body).toMatchObject({ title: 'Draft your video' });
  });

  it('text-to-image and image-to-image, polled through recent_tasks', async () => {
    const s = await simStack(sim);
    const up = await s.backend.uploadImage({ blob: png(), name: 'image.png' });
    const out = await s.backend.createImage({ prompt: 'A fox', width: 360, height: 360, images: [up] });
    if (out.kind !== 'created') throw new Error('not created');
    let snap = (await s.backend.pollImages([out.taskId])).tasks.get(out.taskId);
    for (let i = 0; i < 30 && snap?.state !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 30));
      snap = (await s.backend.pollImages([out.taskId])).tasks.get(out.taskId);
    }
    expect(snap).toMatchObject({
      state: 'done',
      urls: [expect.stringMatching(/^https:\/\/videos\.openai\.com\//)],
    });
  });

  it('styles, models, plan, quota, enhance', async () => {
    const s = await simStack(sim);
    expect((await s.backend.styles()).length).toBe(11);
    expect(await s.backend.models()).toEqual([{ id: 'sy_8', label: 'Sora 2' }]);
    expect(await s.backend.plan()).toBe('chatgpt_plus');
    expect((await s.backend.quota()).remaining).toBe(100);
    expect(await s.backend.enhancePrompt({ prompt: 'A fox', level: 'long', durationS: 10 })).toMatch(
      /^A fox\. .+10 seconds/,
    );
  });

  it('character: upload a video, wait for processing, finalize', async () => {
    const s = await simStack(sim);
    const video = new Blob([new Uint8Array(64)], { type: 'video/mp4' });
    const { cameoId } = await s.backend.createCharacter({ blob: video, name: 'video.mp4' });
    expect((await s.backend.characterStatus(cameoId)).state).toBe('processing');
    expect((await failure(s.backend.finalizeCharacter({ cameoId }))).code).toBe('retryable');
    await new Promise((r) => setTimeout(r, 250));
    expect(await s.backend.characterStatus(cameoId)).toMatchObject({
      state: 'ready',
      usernameHint: 'simuser.meowliusma68',
    });
    const sf = s.f;
    const backend = (await import('@/lib/sora/sora-backend')).createSoraBackend(s.client, s.session, {
      fetchBlob: async (url) => (await sf(url)).blob(),
      random: () => 0.123,
    });
    const { characterId } = await backend.finalizeCharacter({ cameoId });
    expect(characterId).toMatch(/^ch_/);
    const finalize = sim.log.filter({ method: 'POST', path: '/backend/characters/finalize' })[0]!;
    expect(finalize.body).toMatchObject({
      username: 'meowliusma68123',
      profile_asset_pointer: expect.stringMatching(/^sediment:/),
    });
  });

  it('a failing character reports failed', async () => {
    const s = await simStack(sim);
    const video = new Blob([new Uint8Array(64)], { type: 'video/mp4' });
    const { cameoId } = await s.backend.createCharacter({ blob: video, name: 'fail.mp4' });
    await new Promise((r) => setTimeout(r, 250));
    expect((await s.backend.characterStatus(cameoId)).state).toBe('failed');
  });
});
