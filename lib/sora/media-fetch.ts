import { isSoraMediaUrl } from './declared';
import { SoraError } from './errors';

/** A profile picture or thumbnail; anything bigger is not what we asked for. */
export const MAX_MEDIA_FETCH_BYTES = 10 * 1024 * 1024;

function refused(message: string): SoraError {
  return new SoraError({ code: 'bad_response', message, endpoint: 'media' });
}

/**
 * GETs a pre-signed media link the backend handed us: https on the media host only, no cookies, no
 * redirects, bounded in time and size. A link anywhere else is refused before any request is made.
 */
export async function fetchSignedMedia(
  url: string,
  fetchImpl: (input: string, init?: RequestInit) => Promise<Response> = fetch,
): Promise<Blob> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused('Sora returned a media link that is not a URL.');
  }
  if (!isSoraMediaUrl(url))
    throw refused(`Sora returned a media link on ${parsed.host || 'an unknown host'}; it was not fetched.`);
  const response = await fetchImpl(url, {
    credentials: 'omit',
    redirect: 'error',
    signal: AbortSignal.timeout(25_000),
  });
  if (!response.ok) throw refused(`The media file could not be fetched (HTTP ${response.status}).`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_MEDIA_FETCH_BYTES)
    throw refused('The media file is larger than expected; it was not fetched.');
  return readCappedBlob(response);
}

/** The body as a Blob, stopping (and cancelling the rest) once it passes the cap. */
async function readCappedBlob(response: Response): Promise<Blob> {
  const type = response.headers.get('content-type') ?? '';
  if (!response.body) return new Blob([], { type });
  const reader = response.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new Blob(parts, { type });
    size += value.byteLength;
    if (size > MAX_MEDIA_FETCH_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw refused('The media file is larger than expected; it was not fetched.');
    }
    parts.push(new Uint8Array(value));
  }
}
