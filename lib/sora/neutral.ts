import type { Backend, VideoSpec } from '../backend/backend';
import type { BackendDeclaration, JobMode, ModelDeclaration } from '../backend/declaration';
import { BackendError, isBackendError } from '../backend/errors';
import { SORA_BACKEND_ID } from '../backend/ids';
import { FPS, isModelName, MODEL_SPECS, type VideoModelSpec } from '../prompt/models';
import type { FullBackend, GenerationSpec } from './backend';
import { planRefusal, SORA_CONCURRENCY_CAP, SORA_HOST_PATTERNS, SORA_MEDIA_HOSTS } from './declared';
import { isSoraError, type SoraError } from './errors';
import { matchesCreate, matchesImage } from './reconcile';
import { PLAN_TTL_MS, usernameFromHint } from './sora-capabilities';

const VIDEO_MODES: readonly JobMode[] = ['text_to_video', 'image_to_video', 'remix', 'storyboard'];

function modelDeclaration(spec: (typeof MODEL_SPECS)[keyof typeof MODEL_SPECS]): ModelDeclaration {
  if (spec.kind === 'video')
    return {
      name: spec.name,
      modes: VIDEO_MODES,
      durationsS: [spec.durationS],
      aspects: [spec.orientation],
      qualities: [spec.size === 'large' ? 'high' : 'standard'],
    };
  if (spec.kind === 'image')
    return {
      name: spec.name,
      modes: ['text_to_image', 'image_to_image'],
      durationsS: [],
      aspects: [spec.orientation],
      qualities: [],
    };
  return { name: spec.name, modes: ['enhance'], durationsS: [spec.durationS], aspects: [], qualities: [] };
}

/** What the Sora session declares (docs/backend-facts.md §4.2, §5, §6.1, §7). */
export const SORA_DECLARATION: BackendDeclaration = {
  modes: [...VIDEO_MODES, 'text_to_image', 'image_to_image', 'enhance', 'character'],
  models: Object.values(MODEL_SPECS).map(modelDeclaration),
  concurrency: { cap: SORA_CONCURRENCY_CAP, tracks: ['video', 'image', 'character'] },
  lostCreate: 'list-and-match',
  media: { hosts: SORA_MEDIA_HOSTS, needsCredentials: false, expires: true },
  quota: 'endpoint',
  hostPermissions: SORA_HOST_PATTERNS,
};

/**
 * Why this account's plan cannot run `model` (docs/backend-facts.md §4.2: Pro models and 25 s need
 * ChatGPT Pro), or null; an unknown plan is not a refusal. Used at enqueue (with the last known plan)
 * and before each create.
 */
export function soraPlanRefusal(model: string, plan: string | null): string | null {
  return needsPro(model) ? planRefusal({ kind: 'video', model, requiresPro: true }, plan) : null;
}

function needsPro(model: string): boolean {
  const spec = isModelName(model) ? MODEL_SPECS[model] : null;
  return spec?.kind === 'video' && spec.requiresPro;
}

function videoModel(name: string): VideoModelSpec {
  const spec = isModelName(name) ? MODEL_SPECS[name] : null;
  if (spec?.kind === 'video') return spec;
  throw new BackendError({
    code: 'bad_request',
    message: `Sora has no video model “${name}”.`,
    endpoint: 'create',
  });
}

/** The neutral request in Sora's own ids (docs/backend-facts.md §4.1, §4.2). */
export function toSoraSpec(spec: VideoSpec): GenerationSpec {
  return {
    prompt: spec.prompt,
    model: videoModel(spec.model).backendModel,
    orientation: spec.aspect,
    size: spec.quality === 'high' ? 'large' : 'small',
    nFrames: Math.round(spec.durationS * FPS),
    styleId: spec.styleId,
    remixTargetId: spec.remixTargetId,
    images: spec.images,
  };
}

/** A Sora error in the boundary's taxonomy; its own code is kept as `kind` (the job's stored code). */
export function toBackendError(error: SoraError): BackendError {
  const base = {
    message: error.message,
    endpoint: error.endpoint ?? 'sora',
    status: error.status,
    retryAfterMs: error.retryAfterMs,
    kind: error.code,
    cause: error,
  };
  switch (error.code) {
    case 'auth':
    case 'signed_out':
      return new BackendError({ ...base, code: 'auth' });
    case 'rate_limit_concurrent':
      return new BackendError({ ...base, code: 'rate_limited' });
    case 'rate_limit_daily':
      return new BackendError({ ...base, code: 'quota_exhausted', resetAt: error.resetAt });
    case 'content_policy':
      return new BackendError({ ...base, code: 'content_policy' });
    // A sentinel or challenge refusal holds for every create right now (docs/backend-facts.md §3.1, §7.4).
    case 'challenge':
    case 'sentinel':
    case 'sentinel_unavailable':
      return new BackendError({ ...base, code: 'fatal', retryable: true, backendWide: true });
    case 'retryable':
      return new BackendError({ ...base, code: 'fatal', retryable: true, responseLost: error.responseLost });
    case 'bad_response':
      return new BackendError({ ...base, code: 'fatal', unexpected: true });
    case 'fatal':
      return new BackendError({ ...base, code: 'bad_request' });
  }
}

/** Runs a Sora call with its errors in the boundary's taxonomy. */
async function neutral<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw isSoraError(error) ? toBackendError(error) : error;
  }
}

/**
 * The Sora session backend on the boundary: maps the neutral request to Sora's ids, Sora's errors to
 * the taxonomy, and declares what it can do. Every behaviour stays in `FullBackend`
 * (`createSoraBackend`); this is only the translation.
 */
export function soraOnBoundary(sora: FullBackend, options: { now?: () => number } = {}): Backend {
  const now = options.now ?? Date.now;
  let plan: { id: string | null; at: number } | null = null;
  /** The plan, asked at most once per PLAN_TTL_MS unless `fresh` (a failure is not cached). */
  async function planOf(fresh = false): Promise<string | null> {
    if (!fresh && plan && now() - plan.at < PLAN_TTL_MS) return plan.id;
    const id = await sora.plan().catch(() => undefined);
    if (id === undefined) return plan?.id ?? null;
    plan = { id, at: now() };
    return id;
  }
  /** A refusal costs the job: one from a cached plan is confirmed with a fresh one (the user may have upgraded). */
  async function refusalFor(model: string): Promise<string | null> {
    if (!needsPro(model) || soraPlanRefusal(model, await planOf()) === null) return null;
    return soraPlanRefusal(model, await planOf(true));
  }
  return {
    id: SORA_BACKEND_ID,
    declares: SORA_DECLARATION,
    async session() {
      const state = await neutral(() => sora.session());
      return state.state === 'signed-in'
        ? { state: 'ready', plan: state.plan ?? null }
        : { state: 'needs_auth', reason: 'Signed out of Sora.' };
    },
    create: (spec) => neutral(() => sora.create(toSoraSpec(spec))),
    async poll(taskIds, pollOptions) {
      return neutral(() => sora.poll(taskIds, { draftsSince: pollOptions?.recentSince ?? null }));
    },
    resolveMedia: (_taskId, generationId) => neutral(() => sora.resolveMedia(generationId)),
    recover: {
      matches: (task, spec, intentAt) => {
        try {
          return matchesCreate(task, toSoraSpec(spec), intentAt);
        } catch (error) {
          if (isBackendError(error)) return false; // a model Sora does not have matches nothing
          throw error;
        }
      },
      matchesImage,
    },
    // The plan is asked for only when the model needs one.
    refusal: (request) => refusalFor(request.model),
    uploadImage: (file) => neutral(() => sora.uploadImage(file)),
    storyboard: (spec) => neutral(() => sora.createStoryboard(toSoraSpec(spec))),
    remix: (spec) => neutral(() => sora.remix({ ...toSoraSpec(spec), remixTargetId: spec.remixTargetId })),
    images: {
      create: (spec) => neutral(() => sora.createImage(spec)),
      poll: (taskIds) => neutral(() => sora.pollImages(taskIds)),
    },
    enhancePrompt: (input) => neutral(() => sora.enhancePrompt(input)),
    characters: {
      create: (video) => neutral(() => sora.createCharacter(video)),
      status: (cameoId) => neutral(() => sora.characterStatus(cameoId)),
      finalize: (input) => neutral(() => sora.finalizeCharacter(input)),
      usernameFor: usernameFromHint,
    },
  };
}
