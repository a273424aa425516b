import type { EnhanceInput, NamedOption, Quota } from './client-account';
import type { SessionState } from './session';

export type { EnhanceInput, NamedOption, Quota } from './client-account';

/** An uploaded image, as the create bodies refer to it (docs/backend-facts.md §4.4: two upload paths, two item kinds). */
export type UploadRef =
  | { kind: 'upload'; id: string }
  | { kind: 'file'; id: string; assetPointer: string | null };

/** What the queue asks a backend to generate; backend-neutral parameters. */
export interface GenerationSpec {
  prompt: string;
  model: 'sy_8' | 'sy_ore';
  orientation: 'landscape' | 'portrait';
  size: 'small' | 'large';
  nFrames: number;
  styleId: string | null;
  remixTargetId: string | null;
  /** Images for image-to-video (docs/backend-facts.md §4.4); none when absent. */
  images?: readonly UploadRef[];
  /** Character user ids (docs/backend-facts.md §4.9: the web app resolves `@username` itself, so usually absent). */
  cameoIds?: readonly string[];
}

/** A create either returned a task id, or its fate is unknown (response lost) and must be reconciled. */
export type CreateOutcome = { kind: 'created'; taskId: string } | { kind: 'uncertain'; reason: string };

/** What one poll knows about one task. */
export type TaskSnapshot =
  | { state: 'running'; progress: number | null }
  | { state: 'done'; generationId: string }
  | { state: 'failed'; code: 'content_policy' | 'generation_failed'; reason: string }
  | { state: 'missing' };

export interface PollResult {
  /** Every task the account has in flight, ours or not (counts against the backend's cap). */
  activeCount: number;
  tasks: Map<string, TaskSnapshot>;
  /** In-flight and recently finished tasks, for reconciling uncertain creates (see `reconcile.ts`). */
  recent: RecentTask[];
}

/**
 * A task as the backend echoes it, enough to match an uncertain create precisely: prompt, the
 * parameters from `creation_config` (docs/backend-facts.md §5.1) and the time. Fields are null when the backend did
 * not say (pending items carry no documented timestamp; `model` is not in the documented shape).
 */
export interface RecentTask {
  taskId: string;
  prompt: string | null;
  createdAt: number | null;
  orientation?: string | null;
  nFrames?: number | null;
  model?: string | null;
  /** `creation_config.style.id` when the backend echoes it (docs/backend-facts.md §5.1). */
  styleId?: string | null;
  source?: 'pending' | 'drafts' | 'images';
}

/** What one shared poll must read beyond pending. */
export interface PollOptions {
  /**
   * The earliest create intent still being reconciled: drafts are read, newest first, back past it
   * (less clock skew), so a lost create's task is found even after it left pending (docs/backend-facts.md §5.2).
   */
  draftsSince?: number | null;
}

export interface MediaLink {
  url: string;
  expiresAt: number | null;
  /** A small still for the gallery and notifications, when the backend names one (docs/backend-facts.md §6.2). */
  thumbnailUrl?: string | null;
}

/** The boundary the queue talks to; sora.chatgpt.com is the first implementation. */
export interface Backend {
  session(): Promise<SessionState>;
  create(spec: GenerationSpec): Promise<CreateOutcome>;
  /** One shared poll for every tracked task: one pending request, drafts for tasks that left it. */
  poll(taskIds: readonly string[], options?: PollOptions): Promise<PollResult>;
  /** A fresh signed link for a finished generation; links are credentials and never stored. */
  resolveMedia(generationId: string): Promise<MediaLink>;
}

/** A file to upload; `name` carries the extension the backend expects (docs/backend-facts.md §4.4). */
export interface UploadInput {
  blob: Blob;
  name: string;
}

/** Text-to-image, or image-to-image with `images` (docs/backend-facts.md §4.5). */
export interface ImageSpec {
  prompt: string;
  width: number;
  height: number;
  images?: readonly UploadRef[];
}

export type ImageSnapshot =
  | { state: 'running'; progress: number | null }
  | { state: 'done'; generationId: string | null; urls: string[] }
  | { state: 'failed'; reason: string }
  | { state: 'missing' };

export interface ImagePollResult {
  tasks: Map<string, ImageSnapshot>;
  recent: RecentTask[];
}

/** A character (cameo) being processed (docs/backend-facts.md §4.9 step 2). */
export type CharacterStatus =
  | { state: 'processing'; message: string | null }
  | {
      state: 'ready';
      usernameHint: string | null;
      displayNameHint: string | null;
      profileAssetUrl: string;
      /** The cameo says it was finalized already (docs/backend-facts.md §4.9 step 2: `status == "finalized"`). */
      finalized?: boolean;
    }
  | { state: 'failed'; reason: string };

export interface FinalizeCharacterInput {
  cameoId: string;
  /** Defaults to the hint's last part plus 3 digits (docs/backend-facts.md §4.9, SHC). */
  username?: string;
  displayName?: string;
}

/** The modes beyond text-to-video; issue 7 wires them. Separate so a minimal backend stays small. */
export interface BackendCapabilities {
  quota(): Promise<Quota>;
  plan(): Promise<string | null>;
  styles(): Promise<NamedOption[]>;
  models(): Promise<NamedOption[]>;
  enhancePrompt(input: EnhanceInput): Promise<string>;
  /** `via: 'uploads'` (default) for image-to-image and i2v; `'file'` for `file_id` items (docs/backend-facts.md §4.4). */
  uploadImage(file: UploadInput, via?: 'uploads' | 'file'): Promise<UploadRef>;
  createImage(spec: ImageSpec): Promise<CreateOutcome>;
  pollImages(taskIds: readonly string[]): Promise<ImagePollResult>;
  createStoryboard(spec: GenerationSpec): Promise<CreateOutcome>;
  remix(spec: GenerationSpec & { remixTargetId: string }): Promise<CreateOutcome>;
  createCharacter(video: UploadInput): Promise<{ cameoId: string }>;
  characterStatus(cameoId: string): Promise<CharacterStatus>;
  finalizeCharacter(input: FinalizeCharacterInput): Promise<{ characterId: string }>;
}

/** Everything the Sora backend can do. */
export interface FullBackend extends Backend, BackendCapabilities {}
