import type { Backend, PollResult } from '../backend/backend';
import type { SoraDb } from '../db/schema';
import type { DownloadsPort } from '../platform/downloads';
import type { AccountStatus } from '../settings/items';
import type { Settings } from '../settings/settings';

// Stored where it is kept (lib/settings/items.ts); re-exported for the steps that publish it.
export type { AccountStatus } from '../settings/items';

/** Everything a pipeline step needs, injected so each step is testable with fakes. */
export interface PipelineDeps {
  db: SoraDb;
  backend: Backend;
  downloads: DownloadsPort;
  settings: () => Promise<Settings>;
  now: () => number;
  random: () => number;
  publishAccount: (status: AccountStatus) => Promise<void>;
  /** A small still for the gallery (null when there is none); injected so tests need no network. */
  fetchThumbnail: (url: string | null) => Promise<Blob | null>;
  /** Whether the backend's host permissions are granted; without them no request is made at all. */
  hasHostAccess: () => Promise<boolean>;
}

/** What one tick learned and leaves for the next steps. */
export interface TickState {
  now: number;
  settings: Settings;
  poll: PollResult | null;
  /** The account's plan, looked up at most once per tick and only when a job needs it. */
  plan?: string | null;
  /** Worker-memory: when each tracked task was first missing from both pending and drafts. */
  missingSince: Map<string, number>;
}
