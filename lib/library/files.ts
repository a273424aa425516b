import sanitize from 'sanitize-filename';
import { textDataUrl } from '../data-url';
import { promptSlug } from '../pipeline/filename';
import type { BackupLayout, LibraryItemRow, LibraryKind } from './rows';

/** Every backup goes under this folder of the browser's download folder. */
export const BACKUP_FOLDER = 'Sora Companion Backup';
/** The index of everything backed up so far, rewritten at the end of each backup. */
export const INDEX_FILE = `${BACKUP_FOLDER}/backup-index.json`;

const KIND_FOLDER: Record<LibraryKind, string> = {
  draft: 'drafts',
  post: 'posts',
  character: 'characters',
  video: 'videos',
};

/** The id made safe for a file name; kept whole, because recovery finds the file by it. */
const safeId = (id: string): string =>
  sanitize(id, { replacement: '_' })
    .replace(/^[.\s]+/, '_')
    .slice(0, 120);

/**
 * Where an item's file goes: `<backup>/<YYYY-MM or kind>/<date>_<prompt>_<id>.<ext>`. The whole
 * backend id ends the name, so the name is unique and `downloads.search` finds it after a crash.
 */
export function backupFileName(
  item: Pick<LibraryItemRow, 'id' | 'kind' | 'createdAt' | 'prompt'>,
  layout: BackupLayout,
  extension: string,
): string {
  const date = new Date(item.createdAt || 0).toISOString().slice(0, 10);
  const folder = layout === 'date' ? date.slice(0, 7) : KIND_FOLDER[item.kind];
  const slug = promptSlug(item.prompt.replace(/^@/, '')).slice(0, 40).replace(/-+$/, '') || item.kind;
  return `${BACKUP_FOLDER}/${folder}/${date}_${slug}_${safeId(item.id)}.${extension}`;
}

/** The sidecar sits next to the file with the same name and `.json`. */
export const sidecarName = (fileName: string): string => fileName.replace(/\.[a-z0-9]+$/, '.json');

/** What a sidecar says: the prompt and parameters, never a link or a token. */
export function itemSidecar(item: LibraryItemRow, fileName: string): Record<string, unknown> {
  return {
    id: item.id,
    kind: item.kind,
    source: item.source,
    madeHere: item.origin === 'here',
    prompt: item.prompt,
    model: item.model,
    createdAt: new Date(item.createdAt || 0).toISOString(),
    durationS: item.durationS,
    width: item.width,
    height: item.height,
    generationId: item.generationId,
    parameters: item.parameters,
    file: fileName.split('/').pop() ?? fileName,
  };
}

/** A data URL for a JSON file we write ourselves (the worker has no object URLs). */
export const jsonDataUrl = (value: unknown): string =>
  textDataUrl(JSON.stringify(value, null, 2), 'application/json');
