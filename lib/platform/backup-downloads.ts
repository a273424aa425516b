import { browser } from 'wxt/browser';
import { createBrowserDownloads, type DownloadsPort } from './downloads';

/** The downloads port plus what a backup needs besides: drop a broken partial, read a file's size. */
export interface BackupDownloadsPort extends DownloadsPort {
  /** Cancels a download (an interrupted partial is deleted, so a new attempt never becomes "(1)"). */
  cancel(id: number): Promise<void>;
  /** Bytes the browser wrote for a download, null when unknown. */
  size(id: number): Promise<number | null>;
}

/** The real adapter over `browser.downloads`, built on the same refusing `download()`. */
export function createBackupDownloads(base: DownloadsPort = createBrowserDownloads()): BackupDownloadsPort {
  return {
    ...base,
    cancel: (id) => browser.downloads.cancel(id).catch(() => undefined),
    async size(id) {
      const [item] = await browser.downloads.search({ id });
      return item ? Math.max(item.bytesReceived, item.fileSize) : null;
    },
  };
}
