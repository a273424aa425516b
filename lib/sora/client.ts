import { createCaller } from './call';
import { createAccountEndpoints } from './client-account';
import { createCreateEndpoints } from './client-create';
import { createLibraryEndpoints } from './client-library';
import { createMediaEndpoints } from './client-media';
import { createPollEndpoints } from './client-poll';
import type { Http } from './http';
import type { Sentinel } from './sentinel';
import type { Session } from './session';

export type { NamedOption, Quota } from './client-account';
export type { ImageCreateBody, InpaintItem, VideoCreateBody } from './client-create';
export type { PostsPage } from './client-library';
export type { FinalizeBody, UploadedFile } from './client-media';
export type { DraftsPage } from './client-poll';

export interface SoraClientDeps {
  http: Http;
  session: Session;
  sentinel: Sentinel;
  now: () => number;
}

/** One typed method per sora.chatgpt.com endpoint the product needs (docs/backend-facts.md §1). */
export type SoraClient = ReturnType<typeof createCreateEndpoints> &
  ReturnType<typeof createPollEndpoints> &
  ReturnType<typeof createAccountEndpoints> &
  ReturnType<typeof createMediaEndpoints> &
  ReturnType<typeof createLibraryEndpoints>;

/** Creates the sora.chatgpt.com client over the injected HTTP layer, session and sentinel. */
export function createSoraClient(deps: SoraClientDeps): SoraClient {
  const call = createCaller(deps);
  return {
    ...createCreateEndpoints(call),
    ...createPollEndpoints(call),
    ...createAccountEndpoints(call, deps.now),
    ...createMediaEndpoints(call),
    ...createLibraryEndpoints(call),
  };
}
