import type { BackendDeclaration } from './declaration';

/**
 * The backend boundary (docs/architecture.md "The Backend interface"): the only backend type
 * `lib/pipeline` knows. A small required core every backend implements, and optional capabilities
 * the pipeline checks for before it uses them (`if (backend.images)`), never assumes. Every method
 * throws `BackendError` (lib/backend/errors.ts) and nothing else.
 */

/** An uploaded input as the backend refers to it in a create; opaque to the pipeline, stored on the job. */
export type UploadRef =
  | { kind: 'upload'; id: string }
  | { kind: 'file'; id: string; assetPointer: string | null };

/**
 * What the user asked a video to be, in the user's terms: never a backend's own ids. Each backend
 * maps it (Sora: `sora2pro-…` → `sy_ore`, seconds → frames, quality → `large`).
 */
export interface VideoSpec {
  prompt: string;
  /** The model as the user named it (`sora2-landscape-10s`, `sora-2`, `veo-3.1-fast`). */
  model: string;
  aspect: 'landscape' | 'portrait';
  durationS: number;
  quality: 'standard' | 'high';
  /** A style id from the backend's own list. */
  styleId: string | null;
  /** The video to remix (for Sora a post `s_…` or draft `gen_…` id). */
  remixTargetId: string | null;
  images: readonly UploadRef[];
  /**
   * The images themselves, for a backend without an upload step (`uploadImage` absent) that takes
   * them with the create: a file, or a public link the user added by its URL.
   */
  imageInputs?: readonly ImageInput[];
  /** A backend's own options the neutral request has no field for (the task API's `watermark`). */
  backendParams?: Readonly<Record<string, string>>;
}

/** An image sent with a create: its bytes, or a public link the backend fetches itself. */
export type ImageInput = { kind: 'file'; blob: Blob; name: string } | { kind: 'url'; url: string };

/** Text-to-image, or image-to-image with `images`. */
export interface ImageSpec {
  prompt: string;
  width: number;
  height: number;
  images: readonly UploadRef[];
}

/** A create either returned a task id, or its fate is unknown (the answer was lost): never resend it. */
export type CreateOutcome = { kind: 'created'; taskId: string } | { kind: 'uncertain'; reason: string };

/** What one poll knows about one task. */
export type TaskSnapshot =
  | { state: 'running'; progress: number | null }
  | { state: 'done'; generationId: string }
  | { state: 'failed'; code: 'content_policy' | 'generation_failed'; reason: string }
  | { state: 'missing' };

export type ImageSnapshot =
  | { state: 'running'; progress: number | null }
  | { state: 'done'; generationId: string | null; urls: string[] }
  | { state: 'failed'; reason: string }
  | { state: 'missing' };

/**
 * A task the backend lists, for finding a lost create again. The pipeline reads only `taskId` (to
 * keep two jobs off one task); whether it is a job's create is the backend's own `recover.matches`,
 * which may read the fields its own lists echo (a backend's list items extend this type).
 */
export interface RecentTask {
  taskId: string;
  prompt: string | null;
  createdAt: number | null;
}

export interface PollResult {
  /** Every task the account has in flight, ours or not (counts against the cap); null when unknown. */
  activeCount: number | null;
  tasks: Map<string, TaskSnapshot>;
  /** Tasks listed since `recentSince`, when it was asked for (empty otherwise). */
  recent: RecentTask[];
}

export interface ImagePollResult {
  tasks: Map<string, ImageSnapshot>;
  recent: RecentTask[];
}

export interface PollOptions {
  /** The earliest create intent still being looked for: list tasks back past it (less clock skew). */
  recentSince?: number | null;
}

export interface MediaLink {
  url: string;
  expiresAt: number | null;
  /** A small still for the gallery and notifications, when the backend names one. */
  thumbnailUrl?: string | null;
  /** Headers the browser's download must send (an API key); null when the link alone is enough. */
  headers?: readonly { name: string; value: string }[] | null;
}

/** A file to upload; `name` carries the extension the backend expects. */
export interface UploadInput {
  blob: Blob;
  name: string;
}

/** A character being processed after its upload. */
export type CharacterStatus =
  | { state: 'processing'; message: string | null }
  | {
      state: 'ready';
      usernameHint: string | null;
      displayNameHint: string | null;
      profileAssetUrl: string;
      /** The backend says it was finalized already (a finalize whose answer was lost). */
      finalized?: boolean;
    }
  | { state: 'failed'; reason: string };

export interface FinalizeCharacterInput {
  cameoId: string;
  username: string;
  displayName: string;
}

/** Signed in (or the key is valid), or not: a state, never an error. */
export type BackendSession =
  | { state: 'ready'; plan: string | null }
  | { state: 'needs_auth'; reason: string };

/** The core every backend implements. */
export interface BackendCore {
  /** `sora` for the session backend, a connection id for the others. */
  readonly id: string;
  readonly declares: BackendDeclaration;
  session(): Promise<BackendSession>;
  create(spec: VideoSpec): Promise<CreateOutcome>;
  /** One shared poll for every tracked task of this backend. */
  poll(taskIds: readonly string[], options?: PollOptions): Promise<PollResult>;
  /** A fresh link to a finished video; links may be credentials and are never stored. */
  resolveMedia(taskId: string, generationId: string): Promise<MediaLink>;
}

/** Optional capabilities; the pipeline checks for each before it uses it. */
export interface BackendCapabilities {
  /** Finding a lost create again in the lists `poll` returns (`declares.lostCreate === 'list-and-match'`). */
  recover?: {
    matches(task: RecentTask, spec: VideoSpec, intentAt: number): boolean;
    matchesImage?(task: RecentTask, prompt: string, intentAt: number): boolean;
  };
  /** Why this account cannot run `spec` (its plan), in plain words; null when it can. No create is sent. */
  refusal?(spec: { model: string; durationS: number | null }): Promise<string | null>;
  uploadImage?(file: UploadInput): Promise<UploadRef>;
  storyboard?(spec: VideoSpec): Promise<CreateOutcome>;
  remix?(spec: VideoSpec & { remixTargetId: string }): Promise<CreateOutcome>;
  images?: {
    create(spec: ImageSpec): Promise<CreateOutcome>;
    poll(taskIds: readonly string[]): Promise<ImagePollResult>;
  };
  enhancePrompt?(input: {
    prompt: string;
    level: 'short' | 'medium' | 'long';
    durationS: number;
  }): Promise<string>;
  characters?: {
    create(video: UploadInput): Promise<{ cameoId: string }>;
    status(cameoId: string): Promise<CharacterStatus>;
    finalize(input: FinalizeCharacterInput): Promise<{ characterId: string }>;
    /** The name to finalize with when the user gave none, from the backend's hint. */
    usernameFor(hint: string | null, random: () => number): string;
  };
}

export type Backend = BackendCore & BackendCapabilities;
