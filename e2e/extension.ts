import type { BrowserContext, Page, Worker } from 'playwright-core';
import { waitFor } from './wait';

/** Queues jobs through the product's own RPC surface, from an extension page (as the UI does). */
export async function enqueue(
  page: Page,
  items: { text: string; model: string }[],
): Promise<{ ids: string[] }> {
  const response = await page.evaluate(
    (params) =>
      chrome.runtime.sendMessage({ tag: 'sora-companion/rpc', request: { method: 'enqueue', params } }),
    { items },
  );
  const typed = response as { ok: boolean; result?: { ids: string[] }; error?: { message: string } };
  if (!typed.ok || !typed.result) throw new Error(`enqueue failed: ${typed.error?.message}`);
  return typed.result;
}

/** Changes settings the way the options page saves them (storage.local `settings`). */
export async function setSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (changes) => {
    const current = ((await chrome.storage.local.get('settings')) as { settings?: object }).settings ?? {};
    await chrome.storage.local.set({ settings: { ...current, ...changes } });
  }, patch);
}

/** Every stored job's id and internal status, read from the extension's IndexedDB in a page. */
export async function storedJobs(
  page: Page,
): Promise<{ id: string; status: string; taskId: string | null }[]> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('sora-companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('jobs').objectStore('jobs').getAll();
          request.onsuccess = () => {
            resolve(
              (request.result as { id: string; status: string; taskId: string | null }[]).map(
                ({ id, status, taskId }) => ({ id, status, taskId }),
              ),
            );
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Every row of one of the extension's IndexedDB tables, as stored (read from an extension page). */
export async function storedRows<T = Record<string, unknown>>(page: Page, table: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('sora-companion');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            resolve(request.result as T[]);
            open.result.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    table,
  );
}

/** Every object store of every database of the extension, as JSON (Blobs by size only). */
export function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: Record<string, unknown> = {};
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        out[`${info.name}/${store}`] = await new Promise((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
    }
    return JSON.stringify(out, (_key, value) => (value instanceof Blob ? `[Blob ${value.size}]` : value));
  });
}

export async function rpc(page: Page, method: string, params: object = {}): Promise<unknown> {
  return page.evaluate((request) => chrome.runtime.sendMessage({ tag: 'sora-companion/rpc', request }), {
    method,
    params,
  });
}

/**
 * Records every console line of every context (worker, extension pages, other tabs) into `lines`,
 * from now on, as `[page|worker] type: text`.
 */
export function recordConsoles(context: BrowserContext, lines: string[]): void {
  const listen = (target: Page | Worker, where: string): void => {
    target.on('console', (message) => lines.push(`[${where}] ${message.type()}: ${message.text()}`));
  };
  for (const page of context.pages()) listen(page, 'page');
  context.on('page', (page) => listen(page, 'page'));
  for (const worker of context.serviceWorkers()) listen(worker, 'worker');
  context.on('serviceworker', (worker) => listen(worker, 'worker'));
}

/** What "copy diagnostics" in the side panel's logs view puts on the clipboard. */
export async function copiedDiagnostics(panel: Page): Promise<string> {
  await panel.evaluate(() => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: async (text: string) => void w.__copied.push(text) },
    });
  });
  await panel.getByTestId('tab-logs').click();
  await panel.getByTestId('diagnostics-export').click();
  return waitFor(
    () => panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied[0]),
    'the diagnostics text',
  );
}
