import { type Browser, browser } from 'wxt/browser';
import { isMediaUrl } from '../backend/media';
import { AppError } from '../errors';
import { SORA_MEDIA_HOSTS } from '../sora/declared';

/** The part of `browser.downloads` the pipeline uses; injected so tests can fake it. */
export interface DownloadsPort {
  /**
   * `overwrite` is for files we own outright (sidecars); videos use `uniquify` and never collide.
   * `headers` go with the request (an API key for a backend's `/content`; never in the URL);
   * `mediaHosts` are the hosts the job's backend declares (the Sora media host by default).
   */
  download(options: DownloadOptions): Promise<number>;
  /** Finds downloads whose full path matches `filenameRegex`. */
  findByName(filenameRegex: string): Promise<DownloadInfo[]>;
  get(id: number): Promise<DownloadInfo | null>;
  /** Continues an interrupted download where the browser allows it. */
  resume(id: number): Promise<void>;
  /**
   * Drops a dead download (interrupted, not resumable) before the file is fetched again: its partial
   * is deleted and its entry leaves the browser's list, so one job never shows as two downloads and
   * a lookup by name never finds the dead one. Unknown ids are ignored.
   */
  forget(id: number): Promise<void>;
}

export interface DownloadOptions {
  url: string;
  filename: string;
  conflict?: 'uniquify' | 'overwrite';
  headers?: readonly { name: string; value: string }[];
  mediaHosts?: readonly string[] | 'any';
}

export interface DownloadInfo {
  id: number;
  state: 'in_progress' | 'interrupted' | 'complete';
  filename: string;
  error: string | null;
  canResume: boolean;
}

function toInfo(item: Browser.downloads.DownloadItem): DownloadInfo {
  return {
    id: item.id,
    state: item.state as DownloadInfo['state'],
    filename: item.filename,
    error: item.error ?? null,
    canResume: item.canResume,
  };
}

/** Files the extension writes itself (sidecars, text results) come as base64 data URLs of these types. */
const OWN_DATA_URL = /^data:(application\/json|text\/plain(;charset=utf-8)?);base64,[A-Za-z0-9+/=]*$/;
/** Characters no file system takes in a name (Windows is the strictest), and control characters. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const BAD_CHARS = /[<>:"|?*\\\u0000-\u001f\u007f]/;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** Why a download is refused (null: allowed). Every download passes here, whoever asked for it. */
export function downloadProblem(
  url: string,
  filename: string,
  mediaHosts: readonly string[] | 'any' = SORA_MEDIA_HOSTS,
): string | null {
  if (!isMediaUrl(url, mediaHosts) && !OWN_DATA_URL.test(url))
    return "the link is not on the backend's media host";
  if (filename.length === 0 || filename.length > 400) return 'the file name is empty or too long';
  if (filename.startsWith('/') || BAD_CHARS.test(filename))
    return 'the file name is not a plain relative path';
  for (const segment of filename.split('/')) {
    if (segment === '' || segment.startsWith('.') || /[. ]$/.test(segment) || segment.length > 200)
      return 'the file name has an unsafe folder or name';
    if (RESERVED.test(segment)) return 'the file name uses a reserved name';
  }
  return null;
}

/** The real adapter over `browser.downloads`; it refuses anything `downloadProblem` objects to. */
export function createBrowserDownloads(): DownloadsPort {
  return {
    async download({ url, filename, conflict = 'uniquify', headers, mediaHosts }) {
      const problem = downloadProblem(url, filename, mediaHosts);
      if (problem) throw new AppError('bad_response', `Not downloaded: ${problem}.`);
      return browser.downloads.download({
        url,
        filename,
        conflictAction: conflict,
        saveAs: false,
        ...(headers?.length ? { headers: headers.map((h) => ({ name: h.name, value: h.value })) } : {}),
      });
    },
    async findByName(filenameRegex) {
      return (await browser.downloads.search({ filenameRegex })).map(toInfo);
    },
    async get(id) {
      const [item] = await browser.downloads.search({ id });
      return item ? toInfo(item) : null;
    },
    resume: (id) => browser.downloads.resume(id),
    async forget(id) {
      await browser.downloads.cancel(id).catch(() => undefined);
      await browser.downloads.erase({ id }).catch(() => undefined);
    },
  };
}
