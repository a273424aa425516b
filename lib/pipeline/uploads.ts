import type { UploadRef } from '../backend/backend';
import { applyEvent } from '../db/jobs';
import type { JobRow } from '../queue/job';
import type { PipelineDeps } from './context';
import { loadInput, storedInput } from './inputs';
import { unsupported } from './modes/video';

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/**
 * Uploads the job's images once — once per stored input, shared by every copy of a submission — and
 * records the upload ids on the job, so a retry or a crash after this point never uploads them again
 * (docs/backend-facts.md §4.4: `/backend/uploads` → `{id}`).
 */
export async function ensureUploads(deps: PipelineDeps, job: JobRow): Promise<UploadRef[]> {
  const images = job.request.kind === 'video' || job.request.kind === 'image' ? job.request.images : [];
  if (job.uploads.length >= images.length) return job.uploads;
  const upload = deps.backend.uploadImage;
  if (!upload) throw unsupported('image inputs');
  const uploads: UploadRef[] = [...job.uploads];
  for (const media of images.slice(uploads.length)) {
    const stored = await storedInput(deps.db, media);
    if (stored?.upload) uploads.push(stored.upload);
    else {
      const blob = stored?.data ?? (await loadInput(deps.db, media));
      const type = blob.type || media.mime;
      const ref = await upload({ blob, name: `image.${EXTENSIONS[type] ?? 'png'}` });
      if (stored) await deps.db.inputs.update(stored.id, { upload: ref });
      uploads.push(ref);
    }
    await applyEvent(deps.db, job.id, { type: 'uploaded', uploads: [...uploads] }, deps.now());
  }
  return uploads;
}
