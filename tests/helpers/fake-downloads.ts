import type { DownloadInfo, DownloadsPort } from '@/lib/platform/downloads';

/** A downloads port that records calls; each download completes when `complete()` is called. */
export function createFakeDownloads() {
  const items: (DownloadInfo & { url: string })[] = [];
  const port: DownloadsPort = {
    async download({ url, filename }) {
      const id = items.length + 1;
      items.push({
        id,
        url,
        filename: `/downloads/${filename}`,
        state: 'in_progress',
        error: null,
        canResume: false,
      });
      return id;
    },
    async findByName(regex) {
      const re = new RegExp(regex);
      return items.filter((item) => re.test(item.filename));
    },
    async get(id) {
      return items.find((item) => item.id === id) ?? null;
    },
  };
  const complete = (): void => {
    for (const item of items) if (item.state === 'in_progress') item.state = 'complete';
  };
  return { port, items, complete };
}
