import { ulid, uuid } from './ids';

/** An uploaded file (docs/backend-facts.md §4.4). */
export interface SimUpload {
  id: string;
  kind: 'upload' | 'file';
  name: string;
  type: string;
  size: number;
  useCase: string | null;
  /** Blob uuid (file uploads get a `url`, served as a PNG by the media route). */
  mediaId: string;
}

/** A character (cameo) being processed from a video (docs/backend-facts.md §4.9). */
export interface SimCameo {
  id: string;
  createdAt: number;
  readyAt: number;
  /** Blob uuid of its profile image (served as a PNG by the media route). */
  mediaId: string;
  fail: boolean;
  characterId: string | null;
}

/** Uploads and cameos; like tasks, status is derived from the clock at read time. */
export class MediaStore {
  private readonly uploads = new Map<string, SimUpload>();
  private readonly cameos = new Map<string, SimCameo>();

  addUpload(u: Omit<SimUpload, 'id' | 'mediaId'>): SimUpload {
    const id = u.kind === 'upload' ? `media_${ulid()}` : `file_${ulid()}`;
    const rec = { ...u, id, mediaId: uuid() };
    this.uploads.set(id, rec);
    return rec;
  }

  upload(id: string): SimUpload | undefined {
    return this.uploads.get(id);
  }

  addCameo(now: number, renderMs: number, fail: boolean): SimCameo {
    const cameo = {
      id: `cameo_${ulid()}`,
      createdAt: now,
      readyAt: now + renderMs,
      mediaId: uuid(),
      fail,
      characterId: null,
    };
    this.cameos.set(cameo.id, cameo);
    return cameo;
  }

  cameo(id: string): SimCameo | undefined {
    return this.cameos.get(id);
  }

  /** Whether a blob uuid belongs to a cameo profile image or an uploaded file. */
  ownsMedia(mediaId: string): boolean {
    return (
      [...this.cameos.values()].some((c) => c.mediaId === mediaId) ||
      [...this.uploads.values()].some((u) => u.mediaId === mediaId)
    );
  }

  /** The file upload an `asset_pointer` (`sediment://file_…`) names. */
  byAssetPointer(pointer: string): SimUpload | undefined {
    return this.uploads.get(pointer.replace(/^sediment:\/\//, ''));
  }
}
