import type {
  CharacterStatus,
  CreateOutcome,
  ImageSnapshot,
  ImageSpec,
  MediaLink,
  RecentTask,
  TaskSnapshot,
  UploadInput,
  UploadRef,
} from '../backend/backend';
import type { EnhanceInput, NamedOption, Quota } from './client-account';
import type { SessionState } from './session';

export type {
  CharacterStatus,
  CreateOutcome,
  ImageSnapshot,
  ImageSpec,
  MediaLink,
  RecentTask,
  TaskSnapshot,
  UploadInput,
  UploadRef,
} from '../backend/backend';
export type { EnhanceInput, NamedOption, Quota } from './client-account';

/** A video create in Sora's own terms (the neutral `VideoSpec` mapped by `lib/sora/neutral.ts`). */
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

export interface PollResult {
  /** Every task the account has in flight, ours or not (counts against the backend's cap). */
  activeCount: number;
  tasks: Map<string, TaskSnapshot>;
  /** In-flight and recently finished tasks, for reconciling uncertain creates (see `reconcile.ts`). */
  recent: SoraRecentTask[];
}

/**
 * A task as the backend echoes it, enough to match an uncertain create precisely: prompt, the
 * parameters from `creation_config` (docs/backend-facts.md §5.1) and the time. Fields are null when the backend did
 * not say (pending items carry no documented timestamp; `model` is not in the documented shape).
 */
export interface SoraRecentTask extends RecentTask {
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

/** The Sora session backend in its own terms; `lib/sora/neutral.ts` puts it on the boundary. */
export interface SoraCore {
  session(): Promise<SessionState>;
  create(spec: GenerationSpec): Promise<CreateOutcome>;
  /** One shared poll for every tracked task: one pending request, drafts for tasks that left it. */
  poll(taskIds: readonly string[], options?: PollOptions): Promise<PollResult>;
  /** A fresh signed link for a finished generation; links are credentials and never stored. */
  resolveMedia(generationId: string): Promise<MediaLink>;
}

export interface ImagePollResult {
  tasks: Map<string, ImageSnapshot>;
  recent: SoraRecentTask[];
}

export interface FinalizeCharacterInput {
  cameoId: string;
  /** Defaults to the hint's last part plus 3 digits (docs/backend-facts.md §4.9, SHC). */
  username?: string;
  displayName?: string;
}

/** The Sora modes beyond text-to-video. */
export interface SoraCapabilities {
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
export interface FullBackend extends SoraCore, SoraCapabilities {}
