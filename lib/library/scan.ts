import type { SoraDb } from '../db/schema';
import { type LibraryItemRow, LibraryItemRowSchema, type LibraryScanRow } from './rows';
import type { LibrarySource, ListedItem } from './source';
import { waitFor } from './waits';

export interface ScanDeps {
  db: SoraDb;
  source: LibrarySource;
  now: () => number;
  random: () => number;
  fetchThumbnail: (url: string | null) => Promise<Blob | null>;
  /** Least time between two list pages (default LIST_PAGE_GAP_MS). */
  pageGapMs?: number;
}

/** A polite gap between list pages: the web app itself reads a page every few seconds at most. */
export const LIST_PAGE_GAP_MS = 500;

/** Starts walking every list of the source afresh; returns the scan id. Pages already read stay. */
export async function startScan(db: SoraDb, source: LibrarySource, now: number): Promise<string> {
  const scanId = `scan-${now.toString(36)}-${crypto.randomUUID().slice(0, 8)}`;
  const rows: LibraryScanRow[] = source.lists.map((list) => ({
    list: `${source.id}:${list}`,
    source: source.id,
    scanId,
    state: 'scanning',
    cursor: null,
    pages: 0,
    seen: 0,
    startedAt: now,
    finishedAt: null,
    waitUntil: 0,
    attempts: 0,
    error: null,
  }));
  await db.libraryScans.bulkPut(rows);
  return scanId;
}

/** Whether every list of the scan was walked to its end (failed lists count as finished). */
export async function scanFinished(db: SoraDb, scanId: string): Promise<boolean> {
  const rows = await db.libraryScans.where('scanId').equals(scanId).toArray();
  return rows.length > 0 && rows.every((r) => r.state !== 'scanning');
}

/**
 * "Made here": the generation or character is one of this extension's own results; a Videos API
 * video is one some job of this extension on that same connection created (jobs hold its task id).
 */
async function originOf(db: SoraDb, item: ListedItem, source: string): Promise<'here' | 'elsewhere'> {
  if (item.kind === 'character') return (await db.characters.get(item.id)) ? 'here' : 'elsewhere';
  if (item.kind === 'video') {
    const jobs = await db.jobs
      .where('taskId')
      .equals(item.id)
      .filter((job) => job.backendId === source)
      .count();
    if (jobs > 0) return 'here';
  }
  if (!item.generationId) return 'elsewhere';
  const own = await db.results.where('generationId').equals(item.generationId).count();
  return own > 0 ? 'here' : 'elsewhere';
}

/** One page in one write: the view's live query sees a page, not each item, arrive. */
async function store(deps: ScanDeps, scan: LibraryScanRow, items: ListedItem[]): Promise<void> {
  const current = await deps.db.libraryItems.bulkGet(items.map((i) => i.id));
  // A thumbnail is fetched once per item (a page's at once); the signed link itself is never stored.
  const thumbnails = await Promise.all(
    items.map((item, n) => current[n]?.thumbnail ?? deps.fetchThumbnail(item.thumbnailUrl)),
  );
  const rows: LibraryItemRow[] = [];
  for (const [n, item] of items.entries()) {
    const { thumbnailUrl: _, ...listed } = item;
    const thumbnail = thumbnails[n] ?? null;
    const row: LibraryItemRow = {
      ...listed,
      source: scan.source,
      origin: await originOf(deps.db, item, scan.source),
      thumbnail,
      seenScan: scan.scanId,
      goneAt: null,
    };
    rows.push(LibraryItemRowSchema.parse(row));
  }
  await deps.db.libraryItems.bulkPut(rows);
}

/** After a list's last page: items of that list the walk did not see are gone from the account. */
async function markUnseen(db: SoraDb, scan: LibraryScanRow, kinds: ReadonlySet<string>, now: number) {
  await db.libraryItems
    .filter(
      (r) => r.source === scan.source && kinds.has(r.kind) && r.seenScan !== scan.scanId && r.goneAt === null,
    )
    .modify({ goneAt: now });
}

/** How many times one page may fail before the list is given up (its reason is shown). */
export const SCAN_MAX_ATTEMPTS = 6;

/**
 * Reads the next page of the first unfinished list of `scanId`. Returns false when nothing was due
 * (all done, or waiting out a Retry-After). A failing page waits and is read again; it never loops.
 */
export async function scanStep(deps: ScanDeps, scanId: string): Promise<boolean> {
  const scans = await deps.db.libraryScans.where('scanId').equals(scanId).toArray();
  const order = deps.source.lists.map((l) => `${deps.source.id}:${l}`);
  const scan = scans
    .filter((s) => s.state === 'scanning')
    .sort((a, b) => order.indexOf(a.list) - order.indexOf(b.list))[0];
  const now = deps.now();
  if (!scan || scan.waitUntil > now) return false;
  const list = scan.list.slice(deps.source.id.length + 1);
  try {
    const page = await deps.source.page(list, scan.cursor);
    await store(deps, scan, page.items);
    const kinds = new Set(page.items.map((i) => i.kind));
    const done = page.cursor === null;
    const next: LibraryScanRow = {
      ...scan,
      cursor: page.cursor,
      pages: scan.pages + 1,
      seen: scan.seen + page.items.length,
      attempts: 0,
      error: null,
      waitUntil: deps.now() + (deps.pageGapMs ?? LIST_PAGE_GAP_MS),
      state: done ? 'done' : 'scanning',
      finishedAt: done ? deps.now() : null,
    };
    if (done) await markUnseen(deps.db, scan, kinds.size > 0 ? kinds : kindsOf(list), deps.now());
    await deps.db.libraryScans.put(next);
  } catch (error) {
    const wait = waitFor(error, scan.attempts, deps.random);
    if (wait.auth) throw error;
    const attempts = scan.attempts + 1;
    const failed = attempts >= SCAN_MAX_ATTEMPTS || wait.final;
    await deps.db.libraryScans.put({
      ...scan,
      attempts,
      waitUntil: deps.now() + wait.ms,
      error: wait.message,
      state: failed ? 'failed' : 'scanning',
      finishedAt: failed ? deps.now() : null,
    });
  }
  return true;
}

const kindsOf = (list: string): Set<string> =>
  new Set([
    list === 'drafts' ? 'draft' : list === 'posts' ? 'post' : list === 'characters' ? 'character' : 'video',
  ]);
