import { promptError } from './errors';

/** The text with remix links and ids removed, and the remix target (a post or draft id), if any. */
export interface RemixExtraction {
  text: string;
  remixTargetId: string | null;
}

/** docs/backend-facts.md §4.6: a published post id is `s_` + 32 hex (SHC/GO). Regex source, to compose patterns from. */
export const POST_ID_SOURCE = 's_[a-f0-9]{32}';
/**
 * docs/backend-facts.md §4.6 [single, uncertain]: the web app also remixes a *draft* by its generation id (SCT);
 * generation ids are `gen_` + 26 ULID chars. Regex source, to compose patterns from.
 */
export const DRAFT_ID_SOURCE = 'gen_[0-9a-z]{26}';
/** The Sora web app's host as regex source; share links are `/p/<post id>`, drafts `/d/<gen id>` (docs/backend-facts.md §2.1). */
export const SORA_LINK_HOST_SOURCE = 'sora\\.chatgpt\\.com';

// We also take links without a scheme and with a query (`?psh=…`): that is how the share button copies them.
const linkRe = (path: string, id: string): RegExp =>
  new RegExp(
    `(?:https?:\\/\\/)?(?:www\\.)?${SORA_LINK_HOST_SOURCE}\\/${path}\\/(${id})(?![a-z0-9_-])(?:[?#][^\\s]*)?`,
    'gi',
  );
const bareRe = (id: string): RegExp => new RegExp(`(?<![a-z0-9_])(${id})(?![a-z0-9_])`, 'gi');
const LINK_RE = linkRe('p', POST_ID_SOURCE);
const BARE_RE = bareRe(POST_ID_SOURCE);
const DRAFT_LINK_RE = linkRe('d', DRAFT_ID_SOURCE);
const BARE_GEN_RE = bareRe(DRAFT_ID_SOURCE);
/** A whole post or draft id, nothing around it. */
export const REMIX_ID_RE: RegExp = new RegExp(`^(?:${POST_ID_SOURCE}|${DRAFT_ID_SOURCE})$`);
/**
 * docs/backend-facts.md §11.1: a Videos API video id is `video_` and letters and digits (OpenAI's are
 * hex; a gateway's may be longer). Case is kept: a gateway's ids may be case-sensitive.
 */
export const VIDEO_ID_SOURCE = 'video_[A-Za-z0-9]{4,160}';
const VIDEO_ID_RE = new RegExp(`(?<![A-Za-z0-9_])(${VIDEO_ID_SOURCE})(?![A-Za-z0-9_])`, 'g');
/** Any id a stored request may remix: a Sora post or draft, or a Videos API video. */
export const ANY_REMIX_ID_RE: RegExp = new RegExp(
  `^(?:${POST_ID_SOURCE}|${DRAFT_ID_SOURCE}|${VIDEO_ID_SOURCE})$`,
);
const OTHER_SORA_LINK_RE = /(?:https?:\/\/)?(?:www\.)?sora\.chatgpt\.com\/\S*/i;
// A hex run near 32 long after `s_` is almost always a truncated or over-long copy of an id.
const NEAR_ID_RE = /(?<![a-z0-9_])s_[a-f0-9]{24,40}(?![a-z0-9_])/i;

/** True for a well-formed post id `s_<32 hex>` or draft id `gen_<26>` (docs/backend-facts.md §4.6). */
export function isRemixId(id: string): boolean {
  return REMIX_ID_RE.test(id);
}

/** Removes share links and bare post ids from (escape-protected) text; throws on malformed or conflicting ids. */
export function extractRemix(text: string): RemixExtraction {
  const ids = new Set<string>();
  const collect = (_match: string, id: string): string => {
    ids.add(id.toLowerCase());
    return ' ';
  };
  const stripped = text
    .replace(LINK_RE, collect)
    .replace(DRAFT_LINK_RE, collect)
    .replace(BARE_RE, collect)
    .replace(BARE_GEN_RE, collect);
  const otherLink = OTHER_SORA_LINK_RE.exec(stripped)?.[0];
  if (otherLink !== undefined) {
    throw promptError(
      'bad_remix_id',
      `"${otherLink}" is not a Sora share or draft link. Remix needs a post link like https://sora.chatgpt.com/p/s_ followed by 32 letters and digits (use "Copy link" on a published video), or a draft link https://sora.chatgpt.com/d/gen_….`,
    );
  }
  const nearId = NEAR_ID_RE.exec(stripped)?.[0];
  if (nearId !== undefined) {
    throw promptError(
      'bad_remix_id',
      `"${nearId}" looks like a remix id but has ${nearId.length - 2} characters after "s_" instead of 32. Copy the link again.`,
    );
  }
  if (ids.size > 1) {
    throw promptError(
      'multiple_remix_targets',
      `A prompt can remix one video, but this one names ${ids.size}: ${[...ids].join(', ')}. Keep one.`,
    );
  }
  const [only] = ids;
  return { text: stripped, remixTargetId: only ?? null };
}

/**
 * The remix target of a prompt for a Videos API connection: one `video_…` id made there (the
 * gallery's Remix writes it). A Sora link or id is refused with the reason: only the Sora session
 * can remix those.
 */
export function extractVideoRemix(text: string): RemixExtraction {
  const ids = new Set<string>();
  const stripped = text.replace(VIDEO_ID_RE, (_match, id: string) => {
    ids.add(id);
    return ' ';
  });
  const sora = (() => {
    try {
      return extractRemix(stripped).remixTargetId;
    } catch {
      return OTHER_SORA_LINK_RE.exec(stripped)?.[0] ?? null;
    }
  })();
  if (sora !== null)
    throw promptError(
      'bad_remix_id',
      `"${sora}" is a Sora video: only the Sora session can remix it. On this connection, remix a video made here (its id starts with video_; use Remix in the gallery).`,
    );
  if (ids.size > 1)
    throw promptError(
      'multiple_remix_targets',
      `A prompt can remix one video, but this one names ${ids.size}: ${[...ids].join(', ')}. Keep one.`,
    );
  const [only] = ids;
  return { text: stripped.replace(/\s{2,}/g, ' ').trim(), remixTargetId: only ?? null };
}
