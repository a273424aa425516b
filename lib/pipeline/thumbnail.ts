import { fetchSignedMedia } from '../sora/media-fetch';

/** The gallery and notifications want a small still, never a second copy of the video. */
export const MAX_THUMBNAIL_BYTES = 512 * 1024;

/** Fetches a small image from the media host, or null (a missing thumbnail is never an error). */
export async function fetchThumbnail(url: string | null): Promise<Blob | null> {
  if (!url) return null;
  try {
    const blob = await fetchSignedMedia(url);
    return blob.size > 0 && blob.size <= MAX_THUMBNAIL_BYTES && blob.type.startsWith('image/') ? blob : null;
  } catch {
    return null;
  }
}
