import type { MediaRef } from '@/lib/prompt/request';

/** Reads a chosen, dropped or pasted file into a media reference the prompt language checks. */
export function readMedia(file: File): Promise<MediaRef> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve({
        source: 'data',
        url: String(reader.result),
        mime: file.type || 'application/octet-stream',
        approxBytes: file.size,
      });
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

/** A media reference for an image on the web (the context menu's "image to video"). */
export function urlMedia(url: string, kind: 'image' | 'video'): MediaRef {
  return { source: 'url', url, mime: `${kind}/*`, approxBytes: null };
}
