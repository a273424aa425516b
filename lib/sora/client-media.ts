import type { Caller } from './call';
import { SoraError } from './errors';
import {
  CameoCreatedSchema,
  type CameoStatus,
  CameoStatusSchema,
  FileUploadSchema,
  FinalizeSchema,
  UploadSchema,
} from './schemas-extra';

export interface UploadedFile {
  fileId: string;
  assetPointer: string | null;
  url: string | null;
}

export interface FinalizeBody {
  cameo_id: string;
  username: string;
  display_name: string;
  profile_asset_pointer: string;
  instruction_set: null;
  safety_instruction_set: null;
}

function form(fields: Record<string, string | { blob: Blob; name: string }>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string') data.append(key, value);
    else data.append(key, value.blob, value.name);
  }
  return data;
}

/** Upload and character endpoints (docs/backend-facts.md §4.4, §4.9); Bearer only, no sentinel. */
export function createMediaEndpoints(call: Caller) {
  return {
    /** `POST /backend/uploads` (docs/backend-facts.md §4.4 path 1) → media id for `{kind:'upload'}` / `upload_media_id`. */
    async uploadImage(blob: Blob, name: string): Promise<string> {
      const data = form({ file: { blob, name }, file_name: name });
      return (await call.upload('upload', '/uploads', data, UploadSchema)).id;
    },
    /** `POST project_y/file/upload` (docs/backend-facts.md §4.4 path 2); a 200 `user_error_message` is a refusal (§7.3). */
    async uploadFile(blob: Blob, name: string, useCase: string | null = null): Promise<UploadedFile> {
      const data = form({ file: { blob, name }, ...(useCase ? { use_case: useCase } : {}) });
      const body = await call.upload('file_upload', '/project_y/file/upload', data, FileUploadSchema);
      if (body.user_error_message || !body.file_id) {
        const message = body.user_error_message ?? 'Sora refused the file.';
        throw new SoraError({ code: 'content_policy', message, endpoint: 'file_upload' });
      }
      return { fileId: body.file_id, assetPointer: body.asset_pointer ?? null, url: body.url ?? null };
    },
    /** `POST /backend/characters/upload` (docs/backend-facts.md §4.9 step 1), `timestamps` "0,3" → cameo id. */
    async characterUpload(video: Blob, name = 'video.mp4', timestamps = '0,3'): Promise<string> {
      const data = form({ file: { blob: video, name }, timestamps });
      return (await call.upload('character_upload', '/characters/upload', data, CameoCreatedSchema)).id;
    },
    /** `GET project_y/cameos/in_progress/{id}` (docs/backend-facts.md §4.9 step 2). */
    cameoStatus(cameoId: string): Promise<CameoStatus> {
      const path = `/project_y/cameos/in_progress/${encodeURIComponent(cameoId)}`;
      return call.read('cameo_status', path, CameoStatusSchema);
    },
    /** `POST /backend/characters/finalize` (docs/backend-facts.md §4.9 step 5) → character id. */
    async characterFinalize(body: FinalizeBody): Promise<string> {
      const done = await call.post('character_finalize', '/characters/finalize', body, FinalizeSchema);
      return done.character.character_id;
    },
  };
}
