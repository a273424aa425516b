import { type Browser, browser } from 'wxt/browser';

/** The part of `browser.downloads` the pipeline uses; injected so tests can fake it. */
export interface DownloadsPort {
  /** `overwrite` is for files we own outright (sidecars); videos use `uniquify` and never collide. */
  download(options: { url: string; filename: string; conflict?: 'uniquify' | 'overwrite' }): Promise<number>;
  /** Finds downloads whose full path matches `filenameRegex`. */
  findByName(filenameRegex: string): Promise<DownloadInfo[]>;
  get(id: number): Promise<DownloadInfo | null>;
  /** Continues an interrupted download where the browser allows it. */
  resume(id: number): Promise<void>;
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

/** The real adapter over `browser.downloads`. */
export function createBrowserDownloads(): DownloadsPort {
  return {
    download: ({ url, filename, conflict = 'uniquify' }) =>
      browser.downloads.download({ url, filename, conflictAction: conflict, saveAs: false }),
    async findByName(filenameRegex) {
      return (await browser.downloads.search({ filenameRegex })).map(toInfo);
    },
    async get(id) {
      const [item] = await browser.downloads.search({ id });
      return item ? toInfo(item) : null;
    },
    resume: (id) => browser.downloads.resume(id),
  };
}
