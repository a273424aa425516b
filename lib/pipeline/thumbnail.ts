/** The gallery and notifications want a small still, never a second copy of the video. */
export const MAX_THUMBNAIL_BYTES = 512 * 1024;

/**
 * A thumbnail reader over the backend's media fetch (Sora: pre-signed links on its media host):
 * a small image, or null — a missing thumbnail is never an error.
 */
export function createThumbnailFetcher(
  fetchMedia: (url: string) => Promise<Blob>,
): (url: string | null) => Promise<Blob | null> {
  return async (url) => {
    if (!url) return null;
    try {
      const blob = await fetchMedia(url);
      return blob.size > 0 && blob.size <= MAX_THUMBNAIL_BYTES && blob.type.startsWith('image/')
        ? blob
        : null;
    } catch {
      return null;
    }
  };
}
