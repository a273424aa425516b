import type { CharacterStatus, ImagePollResult, SoraCapabilities, UploadRef } from './backend';
import type { SoraClient } from './client';
import { guardCreate, videoBody } from './create-body';
import { SoraError } from './errors';
import { fetchSignedMedia } from './media-fetch';
import { imagePoll } from './poll-lists';

export interface CapabilityDeps {
  /** Plain GET of a pre-signed media URL (docs/backend-facts.md §6.1), for the character profile image. */
  fetchBlob?: (url: string) => Promise<Blob>;
  random?: () => number;
  now?: () => number;
}

/** The plan changes rarely; the session check runs every 10 s while signed out, so cache it. */
export const PLAN_TTL_MS = 10 * 60_000;

/** docs/backend-facts.md §4.9 (SHC): username = the hint's part after the last `.`, plus 3 random digits. */
export function usernameFromHint(hint: string | null, random: () => number): string {
  const base = (hint ?? 'character').split('.').pop() || 'character';
  return `${base}${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
}

/** docs/backend-facts.md §4.9 step 2: done on "Completed", `finalized` or a profile asset; failed on failed/error. */
export function toCharacterStatus(s: Awaited<ReturnType<SoraClient['cameoStatus']>>): CharacterStatus {
  if (s.status === 'failed' || s.status === 'error') {
    return { state: 'failed', reason: s.status_message ?? 'Sora could not create this character.' };
  }
  const done = s.status_message === 'Completed' || s.status === 'finalized' || Boolean(s.profile_asset_url);
  if (done && s.profile_asset_url) {
    return {
      state: 'ready',
      usernameHint: s.username_hint ?? null,
      displayNameHint: s.display_name_hint ?? null,
      profileAssetUrl: s.profile_asset_url,
      finalized: s.status === 'finalized',
    };
  }
  return { state: 'processing', message: s.status_message ?? null };
}

/** The capability half of the Sora backend, plus a cached plan for `session()`. */
export function createCapabilities(client: SoraClient, deps: CapabilityDeps) {
  const now = deps.now ?? Date.now;
  const fetchBlob = deps.fetchBlob ?? ((url: string) => fetchSignedMedia(url));
  let plan: { id: string | null; at: number } | null = null;

  const capabilities: SoraCapabilities & { cachedPlan(): Promise<string | null> } = {
    quota: () => client.quota(),
    async plan() {
      const id = await client.plan();
      plan = { id, at: now() };
      return id;
    },
    async cachedPlan() {
      if (plan && now() - plan.at < PLAN_TTL_MS) return plan.id;
      return capabilities.plan().catch(() => plan?.id ?? null); // a plan failure never fails the session
    },
    styles: () => client.styles(),
    models: () => client.models(),
    enhancePrompt: (input) => client.enhancePrompt(input),
    async uploadImage(file, via = 'uploads'): Promise<UploadRef> {
      if (via === 'uploads') return { kind: 'upload', id: await client.uploadImage(file.blob, file.name) };
      // docs/backend-facts.md §4.4: `inpaint_safe` is the use case the web app uses for images in creates.
      const up = await client.uploadFile(file.blob, file.name, 'inpaint_safe');
      return { kind: 'file', id: up.fileId, assetPointer: up.assetPointer };
    },
    createImage: (spec) =>
      guardCreate(() => {
        const uploads = (spec.images ?? []).filter((r) => r.kind === 'upload');
        return client.createImage({
          type: 'image_gen',
          operation: uploads.length > 0 ? 'remix' : 'simple_compose',
          prompt: spec.prompt,
          width: spec.width,
          height: spec.height,
          n_variants: 1,
          n_frames: 1,
          inpaint_items: uploads.map((r) => ({ type: 'image', frame_index: 0, upload_media_id: r.id })),
        });
      }),
    async pollImages(taskIds): Promise<ImagePollResult> {
      return imagePoll(await client.recentImageTasks(20), taskIds);
    },
    createStoryboard: (spec) => guardCreate(() => client.createStoryboard(videoBody(spec))),
    // docs/backend-facts.md §4.6: SHC/GO send empty cameo fields on remix.
    remix: (spec) =>
      guardCreate(() => client.createVideo({ ...videoBody(spec), cameo_ids: [], cameo_replacements: {} })),
    async createCharacter(video) {
      return { cameoId: await client.characterUpload(video.blob, video.name) };
    },
    async characterStatus(cameoId) {
      return toCharacterStatus(await client.cameoStatus(cameoId));
    },
    async finalizeCharacter(input) {
      const status = toCharacterStatus(await client.cameoStatus(input.cameoId));
      if (status.state !== 'ready') {
        const message = status.state === 'failed' ? status.reason : 'The character is still being processed.';
        throw new SoraError({
          code: status.state === 'failed' ? 'fatal' : 'retryable',
          message,
          endpoint: 'cameo_status',
        });
      }
      // docs/backend-facts.md §4.9 steps 3–5: download the profile image, upload it as `profile`, then finalize.
      const image = await fetchBlob(status.profileAssetUrl);
      const uploaded = await client.uploadFile(image, 'profile.webp', 'profile');
      const characterId = await client.characterFinalize({
        cameo_id: input.cameoId,
        username: input.username ?? usernameFromHint(status.usernameHint, deps.random ?? Math.random),
        display_name: input.displayName ?? status.displayNameHint ?? 'Character',
        profile_asset_pointer: uploaded.assetPointer ?? uploaded.fileId,
        instruction_set: null,
        safety_instruction_set: null,
      });
      return { characterId };
    },
  };
  return capabilities;
}
