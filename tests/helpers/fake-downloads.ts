import type { DownloadInfo, DownloadsPort } from '@/lib/platform/downloads';

type Item = DownloadInfo & { url: string; headers?: readonly { name: string; value: string }[] };

/** A downloads port that records calls; downloads complete when `complete()` is called. */
export function createFakeDownloads() {
  const items: Item[] = [];
  const resumed: number[] = [];
  const forgotten: number[] = [];
  let nextId = 1;
  const port: DownloadsPort = {
    async download({ url, filename, conflict = 'uniquify', headers }) {
      const existing = items.find((item) => item.filename === `/downloads/${filename}`);
      if (existing && conflict === 'overwrite') items.splice(items.indexOf(existing), 1);
      const id = nextId++;
      items.push({
        id,
        url,
        ...(headers?.length ? { headers } : {}),
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
    async resume(id) {
      resumed.push(id);
      const item = items.find((i) => i.id === id);
      if (item) item.state = 'in_progress';
    },
    async forget(id) {
      const at = items.findIndex((i) => i.id === id);
      if (at < 0) return;
      forgotten.push(id);
      items.splice(at, 1);
    },
  };
  const complete = (): void => {
    for (const item of items) if (item.state === 'in_progress') item.state = 'complete';
  };
  const interrupt = (canResume: boolean): void => {
    for (const item of items) {
      if (item.state !== 'in_progress') continue;
      Object.assign(item, { state: 'interrupted', error: 'NETWORK_FAILED', canResume });
    }
  };
  return { port, items, resumed, forgotten, complete, interrupt };
}
