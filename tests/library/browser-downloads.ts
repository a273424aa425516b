import type { BackupDownloadsPort } from '@/lib/platform/backup-downloads';
import { type DownloadInfo, downloadProblem } from '@/lib/platform/downloads';

type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

interface Item extends DownloadInfo {
  url: string;
  /** Sent with the request, as `chrome.downloads` sends `headers` (a Videos API key). */
  headers: Record<string, string>;
  bytes: Buffer | null;
}

/** Chrome's `net::` reasons for the answers a media host gives. */
const REASON: Record<number, string> = {
  401: 'SERVER_UNAUTHORIZED',
  403: 'SERVER_FORBIDDEN',
  404: 'SERVER_BAD_CONTENT',
};

/**
 * A downloader that behaves like the browser's: it really fetches the link (from the simulator),
 * writes files under `/downloads/`, uniquifies a taken name as `name (1).ext`, overwrites on request,
 * and reports in_progress → complete or interrupted. `files` is the download folder.
 */
export function createBrowserLikeDownloads(fetch: Fetch) {
  const items: Item[] = [];
  const files = new Map<string, Buffer>();
  const running = new Set<Promise<void>>();
  let nextId = 1;

  const taken = (path: string) =>
    files.has(path) || items.some((i) => i.filename === path && i.state === 'in_progress');
  function target(filename: string, conflict: 'uniquify' | 'overwrite'): string {
    const path = `/downloads/${filename}`;
    if (conflict === 'overwrite' || !taken(path)) return path;
    const dot = path.lastIndexOf('.');
    for (let n = 1; ; n++) {
      const candidate = `${path.slice(0, dot)} (${n})${path.slice(dot)}`;
      if (!taken(candidate)) return candidate;
    }
  }

  function transfer(item: Item): void {
    const job = (async () => {
      try {
        const res = await fetch(item.url, { credentials: 'omit', headers: item.headers });
        if (!res.ok) {
          await res.arrayBuffer().catch(() => undefined);
          Object.assign(item, {
            state: 'interrupted',
            error: REASON[res.status] ?? 'SERVER_FAILED',
            canResume: false,
          });
          return;
        }
        const bytes = Buffer.from(await res.arrayBuffer());
        if (item.state !== 'in_progress') return; // canceled meanwhile
        files.set(item.filename, bytes);
        Object.assign(item, { state: 'complete', bytes });
      } catch {
        Object.assign(item, { state: 'interrupted', error: 'NETWORK_FAILED', canResume: false });
      }
    })();
    running.add(job);
    void job.finally(() => running.delete(job));
  }

  const port: BackupDownloadsPort = {
    async download({ url, filename, conflict = 'uniquify', headers, mediaHosts }) {
      const problem = downloadProblem(url, filename, mediaHosts);
      if (problem) throw Object.assign(new Error(`Not downloaded: ${problem}.`), { code: 'bad_response' });
      const item: Item = {
        id: nextId++,
        url,
        headers: Object.fromEntries((headers ?? []).map((h) => [h.name, h.value])),
        filename: target(filename, conflict),
        state: 'in_progress',
        error: null,
        canResume: false,
        bytes: null,
      };
      items.push(item);
      if (url.startsWith('data:')) {
        const bytes = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64');
        files.set(item.filename, bytes);
        Object.assign(item, { state: 'complete', bytes });
      } else transfer(item);
      return item.id;
    },
    async findByName(regex) {
      const re = new RegExp(regex);
      return items.filter((i) => re.test(i.filename));
    },
    async get(id) {
      const item = items.find((i) => i.id === id);
      return item
        ? {
            id: item.id,
            state: item.state,
            filename: item.filename,
            error: item.error,
            canResume: item.canResume,
          }
        : null;
    },
    async resume(id) {
      const item = items.find((i) => i.id === id);
      if (item?.state === 'interrupted') {
        Object.assign(item, { state: 'in_progress', error: null });
        transfer(item);
      }
    },
    async cancel(id) {
      const item = items.find((i) => i.id === id);
      if (item && item.state !== 'complete')
        Object.assign(item, { state: 'interrupted', error: 'USER_CANCELED' });
    },
    async forget(id) {
      const at = items.findIndex((i) => i.id === id);
      if (at >= 0 && items[at]!.state !== 'complete') items.splice(at, 1);
    },
    async size(id) {
      return items.find((i) => i.id === id)?.bytes?.length ?? null;
    },
  };
  const settled = async (): Promise<void> => {
    while (running.size > 0) await Promise.all([...running]);
  };
  return { port, items, files, settled };
}
