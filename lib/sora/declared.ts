/**
 * What the Sora session backend declares about itself, in one place: its hosts, its media hosts and
 * its concurrency cap. Nearly a leaf (only the boundary's pure host check) so adapters, settings and
 * the manifest may read it without pulling in the client; `lib/sora/neutral.ts` builds the
 * backend's declaration from these.
 */

import { isMediaUrl } from '../backend/media';

/** The Sora web app; its pages hold the session and the Sentinel SDK (docs/backend-facts.md §2.1). */
export const SORA_APP_HOST = 'sora.chatgpt.com';
/** chatgpt.com serves the Sentinel SDK and hands out the device id (docs/backend-facts.md §2.1, §3.3). */
export const SENTINEL_HOST = 'chatgpt.com';
/** Hosts Sora serves media from (videos, images, profile pictures); links are pre-signed (docs/backend-facts.md §6.1). */
export const SORA_MEDIA_HOSTS: readonly string[] = ['videos.openai.com'];

/** Host permission patterns every job needs: the manifest's host_permissions, and what is re-asked. */
export const SORA_HOST_PATTERNS: readonly string[] = [
  `https://${SORA_APP_HOST}/*`,
  `https://${SENTINEL_HOST}/*`,
  ...SORA_MEDIA_HOSTS.map((host) => `https://${host}/*`),
];

/** Generations one account may run at once (docs/backend-facts.md §7.2: a 429 with 3 tasks running). */
export const SORA_CONCURRENCY_CAP = 3;

/** The plan id that unlocks Pro models and 25 s videos (docs/backend-facts.md §2.6, §4.2). */
export const SORA_PRO_PLAN = 'chatgpt_pro';

/** True for an https link on one of Sora's media hosts; anything else is never fetched or downloaded. */
export function isSoraMediaUrl(url: string): boolean {
  return isMediaUrl(url, SORA_MEDIA_HOSTS);
}

/**
 * Why this account's plan cannot run the request, or null (docs/backend-facts.md §4.2: Pro models and 25 s need
 * ChatGPT Pro). An unknown plan (null) is not a refusal: the backend has the last word.
 */
export function planRefusal(
  request: { kind: string; model: string; requiresPro?: boolean },
  plan: string | null,
): string | null {
  if (request.kind !== 'video' || !request.requiresPro || plan === null || plan === SORA_PRO_PLAN)
    return null;
  return `${request.model} needs a ChatGPT Pro plan; this account has ${plan.replace('chatgpt_', '')}.`;
}
