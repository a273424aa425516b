/**
 * What a backend declares it can do, as plain data (docs/architecture.md "The Backend interface"):
 * modes, models and their allowed values, the concurrency cap and its tracks, how a lost create is
 * found again, media hosts and whether downloads need credentials, quota.
 */

/** The modes of the neutral request (docs/architecture.md `JobRequestV2.mode`). */
export type JobMode =
  | 'text_to_video'
  | 'image_to_video'
  | 'remix'
  | 'storyboard'
  | 'text_to_image'
  | 'image_to_image'
  | 'enhance'
  | 'character';
export type Aspect = 'landscape' | 'portrait' | 'square';
export type Quality = 'standard' | 'high';

export interface ModelDeclaration {
  /** As the user types it (and, for the API backends, as the API takes it). */
  name: string;
  modes: readonly JobMode[];
  /** Allowed lengths; empty = the backend has no length setting. */
  durationsS: readonly number[];
  aspects: readonly Aspect[];
  qualities: readonly Quality[];
}

/** The boundary's declaration (docs/architecture.md), field for field. */
export interface BackendDeclaration {
  modes: readonly JobMode[];
  models: readonly ModelDeclaration[];
  concurrency: { cap: number; tracks: readonly ('video' | 'image' | 'character')[] };
  lostCreate: 'list-and-match' | 'idempotency-key' | 'none';
  /** Hosts result files come from; `needsCredentials`: the download needs the key. */
  media: { hosts: readonly string[]; needsCredentials: boolean; expires: boolean };
  quota: 'endpoint' | 'in-errors' | 'none';
  hostPermissions: readonly string[];
}
