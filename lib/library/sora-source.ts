import type { SoraClient } from '../sora/client';
import { isSoraMediaUrl } from '../sora/declared';
import { SoraError } from '../sora/errors';
import type { Draft } from '../sora/schemas';
import type { Post } from '../sora/schemas-library';
import type { LibrarySource, ListedItem, ListPage } from './source';

export const SORA_SOURCE_ID = 'sora-session';
/** docs/backend-facts.md §5.2: the web app pages drafts 15 at a time. */
const DRAFTS_PAGE = 15;
/** docs/backend-facts.md §1: `profile_feed/me?limit=8`. */
const POSTS_PAGE = 8;

type Encoding = { url?: string | null; path?: string | null } | null | undefined;

/** docs/backend-facts.md §6.2 [conflict]: an encoding carries `url` or `path`; only an https link counts. */
const https = (...candidates: (string | null | undefined)[]): string | null =>
  candidates.find((u) => typeof u === 'string' && u.startsWith('https://')) ?? null;
const encodingUrl = (e: Encoding): string | null => https(e?.url, e?.path);

/** creation_config fields worth keeping in a sidecar; plain values only (its `style` holds a link). */
function draftParameters(draft: Draft): ListedItem['parameters'] {
  const c = draft.creation_config;
  return {
    orientation: c?.orientation ?? null,
    nFrames: c?.n_frames ?? null,
    style: c?.style?.id ?? null,
    storyboardId: c?.storyboard_id ?? null,
    taskId: draft.task_id ?? null,
  };
}

/** docs/backend-facts.md §5.3: a refused draft has a violation kind or a reason and no file. */
function refusal(draft: Draft): string | null {
  const kind = draft.kind ?? '';
  if (kind.includes('violation') || kind.endsWith('_error'))
    return draft.reason_str ?? draft.error_reason ?? 'Sora refused this video; it has no file.';
  return draftFile(draft) ? null : 'Sora has no file for this draft.';
}

/** docs/backend-facts.md §6.1 priority: no_watermark (mostly null), downloadable_url (full quality), url (medium). */
const draftFile = (d: Draft): string | null =>
  https(d.download_urls?.no_watermark, d.downloadable_url, d.url);

function fromDraft(draft: Draft): ListedItem {
  return {
    id: draft.id,
    kind: 'draft',
    prompt: draft.prompt ?? draft.creation_config?.prompt ?? '',
    model: draft.creation_config?.model ?? null,
    createdAt: Math.round((draft.created_at ?? 0) * 1000),
    durationS: draft.duration_s ?? null,
    width: draft.width ?? null,
    height: draft.height ?? null,
    generationId: draft.id,
    noFileReason: refusal(draft),
    parameters: draftParameters(draft),
    thumbnailUrl: encodingUrl(draft.encodings?.thumbnail),
  };
}

const postFile = (post: Post): string | null => {
  const a = post.attachments?.[0];
  return a ? https(a.downloadable_url, encodingUrl(a.encodings?.source), a.url) : null;
};

function fromPost(post: Post): ListedItem {
  const a = post.attachments?.[0];
  return {
    id: post.id,
    kind: 'post',
    prompt: post.text ?? '',
    model: null,
    createdAt: Math.round((post.posted_at ?? 0) * 1000),
    durationS: a?.duration_s ?? null,
    width: a?.width ?? null,
    height: a?.height ?? null,
    generationId: a?.generation_id ?? null,
    noFileReason: postFile(post) ? null : 'This post has no video file.',
    parameters: { taskId: a?.task_id ?? null, generationId: a?.generation_id ?? null },
    thumbnailUrl: encodingUrl(a?.encodings?.thumbnail),
  };
}

type Character = { id: string; username: string; displayName: string; picture: string | null; at: number };

/** docs/backend-facts.md §4.9: characters are found by the own `@username`; the answer's shape is undocumented. */
async function characters(client: SoraClient): Promise<Character[]> {
  const username = await client.username();
  if (!username) return [];
  const body = await client.mentions(username);
  return (body.items ?? []).flatMap(({ profile: p }) => {
    const id = p?.character_id ?? p?.user_id;
    if (!id || !p?.username) return [];
    const picture = https(p.profile_picture_url);
    return [
      { id, username: p.username, displayName: p.display_name ?? p.username, picture, at: p.created_at ?? 0 },
    ];
  });
}

function fromCharacter(c: Character): ListedItem {
  return {
    id: c.id,
    kind: 'character',
    prompt: `@${c.username} ${c.displayName}`.trim(),
    model: null,
    createdAt: Math.round(c.at * 1000),
    durationS: null,
    width: null,
    height: null,
    generationId: null,
    noFileReason: c.picture ? null : 'Sora names no picture for this character.',
    parameters: { username: c.username, displayName: c.displayName },
    thumbnailUrl: c.picture,
  };
}

function gone(what: string): SoraError {
  return new SoraError({
    code: 'fatal',
    status: 404,
    message: `${what} is no longer on Sora.`,
    endpoint: 'library',
  });
}

function checked(url: string | null, extension: 'mp4' | 'png') {
  if (url === null) return null;
  if (!isSoraMediaUrl(url))
    throw new SoraError({
      code: 'bad_response',
      message: 'Sora named a file on an unexpected host.',
      endpoint: 'library',
    });
  return { url, extension };
}

/** The library of the Sora session: drafts (cursor), own posts (cursor), characters (one page). */
export function createSoraLibrarySource(client: SoraClient): LibrarySource {
  return {
    id: SORA_SOURCE_ID,
    authMessage: 'Signed out of Sora: the backup waits until you sign in again.',
    lists: ['drafts', 'posts', 'characters'],
    async page(list, cursor): Promise<ListPage> {
      if (list === 'drafts') {
        const page = await client.drafts(cursor, DRAFTS_PAGE);
        return { items: page.items.map(fromDraft), cursor: page.cursor };
      }
      if (list === 'posts') {
        const page = await client.ownPosts(cursor, POSTS_PAGE);
        return { items: page.items.map(fromPost), cursor: page.cursor };
      }
      return { items: (await characters(client)).map(fromCharacter), cursor: null };
    },
    async file(item) {
      if (item.kind === 'draft') return checked(draftFile(await client.draft(item.id)), 'mp4');
      if (item.kind === 'post') return checked(postFile(await client.post(item.id)), 'mp4');
      const found = (await characters(client)).find((c) => c.id === item.id);
      if (!found) throw gone('This character');
      return checked(found.picture, 'png');
    },
  };
}
