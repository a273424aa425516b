import type { SessionState } from './session';

/** What the queue asks a backend to generate; backend-neutral parameters. */
export interface GenerationSpec {
  prompt: string;
  model: 'sy_8' | 'sy_ore';
  orientation: 'landscape' | 'portrait';
  size: 'small' | 'large';
  nFrames: number;
  styleId: string | null;
  remixTargetId: string | null;
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
  /** In-flight and recently finished tasks, for reconciling uncertain creates. */
  recent: RecentTask[];
}

export interface RecentTask {
  taskId: string;
  prompt: string | null;
  createdAt: number | null;
}

export interface MediaLink {
  url: string;
  expiresAt: number | null;
}

/** The boundary the queue talks to; sora.chatgpt.com is the first implementation. */
export interface Backend {
  session(): Promise<SessionState>;
  create(spec: GenerationSpec): Promise<CreateOutcome>;
  /** One shared poll for every tracked task: one pending request, drafts only for tasks that left it. */
  poll(taskIds: readonly string[]): Promise<PollResult>;
  /** A fresh signed link for a finished generation; links are credentials and never stored. */
  resolveMedia(generationId: string): Promise<MediaLink>;
}
