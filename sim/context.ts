import type { AuthState } from './auth-state';
import type { Reply, SimRequest } from './http';
import type { SimLibrary } from './library';
import type { MediaStore } from './media-store';
import type { Quota } from './quota';
import type { SentinelState } from './sentinel-state';
import type { TaskStore } from './tasks';
import type { SimSettings } from './types';

/** Everything a route handler may read or change. */
export interface SimContext {
  settings(): SimSettings;
  now(): number;
  /** Per-sim secret for JWTs and media signatures. */
  secret: Buffer;
  auth: AuthState;
  sentinel: SentinelState;
  tasks: TaskStore;
  quota: Quota;
  /** Uploads and characters (docs/backend-facts.md §4.4, §4.9). */
  media: MediaStore;
  /** Posts, characters and seeded drafts (issue 15: the library). */
  library: SimLibrary;
}

/** A route handler; `params` are the RegExp groups of the route path. */
export type Handler = (req: SimRequest, ctx: SimContext, params: string[]) => Reply | Promise<Reply>;

/** One entry of the route table. */
export interface Route {
  host: string;
  method: string;
  path: string | RegExp;
  handler: Handler;
}
