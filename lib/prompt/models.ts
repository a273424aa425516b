import { promptError } from './errors';
import { closeMatches, didYouMean } from './suggest';

/** Video orientation as the backend spells it (docs/backend-facts.md §4.2). */
export type Orientation = 'landscape' | 'portrait';
/** The proxy-style model families of the seed README (docs/backend-facts.md §4.2, SHC naming). */
export type VideoFamily = 'sora2' | 'sora2pro' | 'sora2pro-hd';
/** Backend video model ids: `sy_8` = Sora 2, `sy_ore` = Sora 2 Pro (docs/backend-facts.md §4.2). */
export type BackendModel = 'sy_8' | 'sy_ore';
/** Backend size: `small` = standard, `large` = high definition (docs/backend-facts.md §4.2). */
export type BackendSize = 'small' | 'large';
/** Video durations offered by the model names, in seconds. */
export type VideoDuration = 10 | 15 | 25;
/** Prompt-enhancement expansion levels (docs/backend-facts.md §4.11). */
export type EnhanceLevel = 'short' | 'medium' | 'long';
/** Prompt-enhancement target durations exposed by SHC (docs/backend-facts.md §4.11). */
export type EnhanceDuration = 10 | 15 | 20;

/** Every video model name. */
export type VideoModelName =
  | `${'sora2' | 'sora2pro'}-${Orientation}-${VideoDuration}s`
  | `sora2pro-hd-${Orientation}-${10 | 15}s`;
/** Every image model name. */
export type ImageModelName = 'gpt-image' | 'gpt-image-landscape' | 'gpt-image-portrait';
/** Every prompt-enhancement model name. */
export type EnhanceModelName = `prompt-enhance-${EnhanceLevel}-${EnhanceDuration}s`;
/** Every user-facing model name of the language (the seed README's list, docs/backend-facts.md §14). */
export type ModelName = VideoModelName | ImageModelName | EnhanceModelName;

/** What a video model name means for the backend. */
export interface VideoModelSpec {
  kind: 'video';
  name: VideoModelName;
  label: string;
  family: VideoFamily;
  backendModel: BackendModel;
  orientation: Orientation;
  size: BackendSize;
  durationS: VideoDuration;
  nFrames: number;
  requiresPro: boolean;
  /** "Video gens" one create costs (docs/backend-facts.md §4.2 cost table). */
  gens: number;
}

/** What an image model name means for the backend. */
export interface ImageModelSpec {
  kind: 'image';
  name: ImageModelName;
  label: string;
  orientation: Orientation | 'square';
  width: number;
  height: number;
}

/** What a prompt-enhancement model name means for the backend. */
export interface EnhanceModelSpec {
  kind: 'enhance';
  name: EnhanceModelName;
  label: string;
  level: EnhanceLevel;
  durationS: EnhanceDuration;
}

/** Any model's parameters. */
export type ModelSpec = VideoModelSpec | ImageModelSpec | EnhanceModelSpec;

/** Frames per second of `n_frames` (docs/backend-facts.md §4.2: 300 = 10 s). */
export const FPS = 30;

interface FamilyFacts {
  backendModel: BackendModel;
  size: BackendSize;
  durations: readonly VideoDuration[];
  gens: Partial<Record<VideoDuration, number>>;
  label: string;
}

// docs/backend-facts.md §4.2: Pro is `sy_ore`; HD is `large` and has no 25 s; costs from SCT `getGenCost`.
const FAMILIES: Record<VideoFamily, FamilyFacts> = {
  sora2: {
    backendModel: 'sy_8',
    size: 'small',
    durations: [10, 15, 25],
    gens: { 10: 1, 15: 2, 25: 3 },
    label: 'Sora 2',
  },
  sora2pro: {
    backendModel: 'sy_ore',
    size: 'small',
    durations: [10, 15, 25],
    gens: { 10: 2, 15: 4, 25: 12 },
    label: 'Sora 2 Pro',
  },
  'sora2pro-hd': {
    backendModel: 'sy_ore',
    size: 'large',
    durations: [10, 15],
    gens: { 10: 5, 15: 10 },
    label: 'Sora 2 Pro HD',
  },
};

const ORIENTATIONS: readonly Orientation[] = ['landscape', 'portrait'];
const LEVELS: readonly EnhanceLevel[] = ['short', 'medium', 'long'];
const ENHANCE_DURATIONS: readonly EnhanceDuration[] = [10, 15, 20];

function videoSpec(family: VideoFamily, orientation: Orientation, durationS: VideoDuration): VideoModelSpec {
  const facts = FAMILIES[family];
  return {
    kind: 'video',
    name: `${family}-${orientation}-${durationS}s` as VideoModelName,
    label: `${facts.label} · ${orientation} · ${durationS} s`,
    family,
    backendModel: facts.backendModel,
    orientation,
    size: facts.size,
    durationS,
    nFrames: durationS * FPS,
    // docs/backend-facts.md §4.2 [conflict]: SHC marks even sy_8 25 s as require_pro; we follow SHC, the stricter rule.
    requiresPro: facts.backendModel === 'sy_ore' || durationS === 25,
    gens: facts.gens[durationS] ?? 0,
  };
}

function buildSpecs(): ModelSpec[] {
  const specs: ModelSpec[] = [];
  for (const family of Object.keys(FAMILIES) as VideoFamily[]) {
    for (const orientation of ORIENTATIONS) {
      for (const d of FAMILIES[family].durations) specs.push(videoSpec(family, orientation, d));
    }
  }
  // docs/backend-facts.md §4.5: SHC MODEL_CONFIG sizes.
  specs.push(
    {
      kind: 'image',
      name: 'gpt-image',
      label: 'Image · square',
      orientation: 'square',
      width: 360,
      height: 360,
    },
    {
      kind: 'image',
      name: 'gpt-image-landscape',
      label: 'Image · landscape',
      orientation: 'landscape',
      width: 540,
      height: 360,
    },
    {
      kind: 'image',
      name: 'gpt-image-portrait',
      label: 'Image · portrait',
      orientation: 'portrait',
      width: 360,
      height: 540,
    },
  );
  for (const level of LEVELS) {
    for (const durationS of ENHANCE_DURATIONS) {
      const name: EnhanceModelName = `prompt-enhance-${level}-${durationS}s`;
      specs.push({
        kind: 'enhance',
        name,
        label: `Enhance prompt · ${level} · ${durationS} s`,
        level,
        durationS,
      });
    }
  }
  return specs;
}

const SPEC_LIST: readonly ModelSpec[] = buildSpecs();

/** Every model's parameters by name (the model picker's table). */
export const MODEL_SPECS: Readonly<Record<ModelName, ModelSpec>> = Object.fromEntries(
  SPEC_LIST.map((s) => [s.name, s]),
) as Record<ModelName, ModelSpec>;

/** Every model name, in picker order (video, image, enhance). */
export const MODEL_NAMES: readonly ModelName[] = SPEC_LIST.map((s) => s.name);

/** True when `name` is exactly one of {@link MODEL_NAMES}. */
export function isModelName(name: string): name is ModelName {
  return Object.hasOwn(MODEL_SPECS, name);
}

/** The spec for a model name (trimmed, case-insensitive); throws `unknown_model` naming close matches. */
export function parseModelName(name: string): ModelSpec {
  const key = name.trim().toLowerCase();
  if (isModelName(key)) return MODEL_SPECS[key];
  const hint = didYouMean(closeMatches(key, MODEL_NAMES));
  const shown = key === '' ? 'No model given.' : `Unknown model "${name.trim()}".`;
  throw promptError(
    'unknown_model',
    `${shown}${hint || ' Pick one from the model list, e.g. "sora2-landscape-10s".'}`,
  );
}

/** Durations a family offers, shortest first (storyboards may move up to one of these). */
export function familyDurations(family: VideoFamily): readonly VideoDuration[] {
  return FAMILIES[family].durations;
}

/** The video model of a family with another duration. */
export function withDuration(spec: VideoModelSpec, durationS: VideoDuration): VideoModelSpec {
  return videoSpec(spec.family, spec.orientation, durationS);
}
