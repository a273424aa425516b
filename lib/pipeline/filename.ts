import sanitize from 'sanitize-filename';

const MAX_SLUG = 48;

/** A short, safe slug of the prompt for file names. */
export function promptSlug(prompt: string): string {
  const slug = prompt
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '')
    .toLowerCase();
  return slug || 'video';
}

/** Folder names from settings: each segment sanitized, no `..`, no absolute paths. */
export function safeFolder(folder: string): string {
  return folder
    .split(/[\\/]+/)
    .map((segment) => sanitize(segment.trim()).replace(/^\.+/, ''))
    .filter((segment) => segment.length > 0)
    .join('/');
}

/**
 * The job-unique download path, relative to the browser's download folder. The job id in the name is
 * what lets recovery find an existing download instead of starting a second one.
 */
export function downloadFileName(opts: {
  folder: string;
  prompt: string;
  jobId: string;
  createdAt: number;
}): string {
  const date = new Date(opts.createdAt).toISOString().slice(0, 10);
  const name = sanitize(`${date}_${promptSlug(opts.prompt)}_${opts.jobId.slice(0, 8)}.mp4`);
  const folder = safeFolder(opts.folder);
  return folder ? `${folder}/${name}` : name;
}

/** Escapes a string for use inside a RegExp (downloads.search `filenameRegex`). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
