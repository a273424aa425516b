import { promptError } from './errors';
import type { MediaRef } from './request';

/** Which kind of media a part carries. */
export type MediaKind = 'image' | 'video';

/** Upload types the backend takes (docs/backend-facts.md §4.4: png/jpeg/webp images; §4.9: mp4 character videos). */
export const ALLOWED_MIME: Readonly<Record<MediaKind, readonly string[]>> = {
  image: ['image/png', 'image/jpeg', 'image/webp'],
  video: ['video/mp4', 'video/quicktime', 'video/webm'],
};

/** Largest decoded size we send, per kind (the limits). */
export const MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 20 * 1024 * 1024,
  video: 100 * 1024 * 1024,
};

const MIME_ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
};
const EXTENSIONS: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  heic: 'image/heic',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  avi: 'video/x-msvideo',
  mkv: 'video/x-matroska',
};

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Decoded size of base64 data from its length alone (no decoding: videos can be 100 MB). */
export function base64DecodedBytes(data: string): number {
  let end = data.length;
  while (end > 0 && /\s/.test(data[end - 1] ?? '')) end--;
  let padding = 0;
  while (padding < 2 && data[end - 1 - padding] === '=') padding++;
  return Math.max(0, Math.floor((end * 3) / 4) - padding);
}

/** Throws unless `mime` is an allowed type of `kind` and `bytes` (when known) is within the limit. */
export function checkMedia(kind: MediaKind, mime: string, bytes: number | null): void {
  if (!ALLOWED_MIME[kind].includes(mime)) {
    const other: MediaKind = kind === 'image' ? 'video' : 'image';
    const hint = ALLOWED_MIME[other].includes(mime) ? ` This is a ${other}; send it as ${other}_url.` : '';
    throw promptError(
      'unsupported_media',
      `Unsupported ${kind} type "${mime || 'unknown'}". Use ${ALLOWED_MIME[kind].join(', ')}.${hint}`,
    );
  }
  if (bytes !== null && bytes > MAX_BYTES[kind]) {
    throw promptError(
      kind === 'image' ? 'image_too_large' : 'video_too_large',
      `The ${kind} is about ${mb(bytes)}; the limit is ${mb(MAX_BYTES[kind])}. Use a smaller or more compressed file.`,
      { bytes, limit: MAX_BYTES[kind] },
    );
  }
}

function parseDataUrl(url: string, kind: MediaKind): MediaRef {
  // Only the header is scanned; the payload is never copied or decoded.
  const comma = url.indexOf(',', 0);
  const header = comma < 0 || comma > 256 ? '' : url.slice(5, comma);
  if (header === '' && comma !== 5) {
    throw promptError('bad_media_url', `This ${kind} data URL has no "data:<type>;base64," header.`);
  }
  const [rawMime = '', ...params] = header.split(';');
  const mime = MIME_ALIASES[rawMime.trim().toLowerCase()] ?? rawMime.trim().toLowerCase();
  if (!params.some((p) => p.trim().toLowerCase() === 'base64')) {
    throw promptError(
      'bad_media_url',
      `This ${kind} data URL is not base64-encoded; use "data:${mime || 'type'};base64,…".`,
    );
  }
  const bytes = base64DecodedBytes(url.slice(comma + 1));
  checkMedia(kind, mime, bytes);
  if (bytes === 0) throw promptError('bad_media_url', `This ${kind} data URL is empty.`);
  return { source: 'data', url, mime, approxBytes: bytes };
}

function parseHttpUrl(url: string, kind: MediaKind): MediaRef {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw promptError('bad_media_url', `"${url.slice(0, 200)}" is not a valid ${kind} URL.`);
  }
  const ext = /\.([a-z0-9]+)$/i.exec(parsed.pathname)?.[1]?.toLowerCase();
  const known = ext === undefined ? undefined : EXTENSIONS[ext];
  // Unknown extensions (CDN links often have none) are checked once fetched, via checkMedia.
  if (known === undefined) return { source: 'url', url, mime: `${kind}/*`, approxBytes: null };
  checkMedia(kind, known, null);
  return { source: 'url', url, mime: known, approxBytes: null };
}

/** A data URL or http(s) URL as a {@link MediaRef}, with type and estimated size checked. */
export function parseMediaUrl(url: string, kind: MediaKind): MediaRef {
  const trimmed = url.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'data') return parseDataUrl(trimmed, kind);
  if (scheme === 'http' || scheme === 'https') return parseHttpUrl(trimmed, kind);
  const shown = trimmed.length > 60 ? `${trimmed.slice(0, 60)}…` : trimmed;
  throw promptError(
    'bad_media_url',
    `The ${kind} "${shown || '(empty)'}" must be a data URL (data:${kind === 'image' ? 'image/png' : 'video/mp4'};base64,…) or an http(s) link.`,
  );
}
