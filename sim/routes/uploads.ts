import type { Route, SimContext } from '../context';
import { apiError, json, type Reply, type SimRequest } from '../http';
import { blobName, signedMediaUrl } from '../media-url';
import { filePart, readForm } from '../multipart';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);
const badFile = (message: string): Reply =>
  json(400, apiError(message, 'invalid_request', 'invalid_request_error', 'file'));

/** docs/backend-facts.md §4.4 path 1: multipart `file` (+ `file_name`) → `{id}`, the media id. */
const uploads = async (req: SimRequest, ctx: SimContext): Promise<Reply> => {
  const form = await readForm(req);
  const file = filePart(form);
  if (!file || file.size === 0) return badFile('Invalid request: file is required');
  if (!IMAGE_TYPES.has(file.type))
    return badFile(`Invalid request: unsupported file type ${file.type || 'unknown'}`);
  const name = String(form?.get('file_name') ?? file.name);
  const up = ctx.media.addUpload({ kind: 'upload', name, type: file.type, size: file.size, useCase: null });
  return json(200, { id: up.id });
};

/**
 * docs/backend-facts.md §4.4 path 2 (videnx `UploadFileResponse`): `{asset_pointer, file_id, url, size, …}`. An empty
 * file is refused the documented way: 200 `{user_error_message}` (docs/backend-facts.md §7.3, SCT).
 */
const fileUpload = async (req: SimRequest, ctx: SimContext): Promise<Reply> => {
  const form = await readForm(req);
  const file = filePart(form);
  if (!file) return badFile('Invalid request: file is required');
  if (file.size === 0)
    return json(200, { user_error_message: 'We could not process this file. Try another image.' });
  if (!IMAGE_TYPES.has(file.type))
    return badFile(`Invalid request: unsupported file type ${file.type || 'unknown'}`);
  const useCase = form?.get('use_case');
  const up = ctx.media.addUpload({
    kind: 'file',
    name: file.name,
    type: file.type,
    size: file.size,
    useCase: typeof useCase === 'string' ? useCase : null,
  });
  const url = signedMediaUrl(
    ctx.secret,
    blobName(up.mediaId, 'thumbnail'),
    ctx.settings().mediaUrlTtlMs,
    ctx.now(),
  );
  return json(200, {
    asset_pointer: `sediment://${up.id}`,
    file_id: up.id,
    url,
    size: file.size,
    azure_asset_pointer: null,
    contains_realistic_person: false,
  });
};

/** Upload routes (Bearer, no sentinel; docs/backend-facts.md §1). */
export const uploadRoutes: Route[] = [
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/uploads', handler: uploads },
  { host: 'sora.chatgpt.com', method: 'POST', path: '/backend/project_y/file/upload', handler: fileUpload },
];
