import type { LibraryItemRow, LibraryKind } from './rows';

/** What a source knows about one item when it lists it (the view's columns, the sidecar's fields). */
export type ListedItem = Omit<LibraryItemRow, 'origin' | 'thumbnail' | 'seenScan' | 'goneAt' | 'source'> & {
  /** A signed still, used once to cache a small thumbnail and then dropped (never stored). */
  thumbnailUrl: string | null;
};

export interface ListPage {
  items: ListedItem[];
  /** Opaque; null on the last page. */
  cursor: string | null;
}

/** A fresh link to an item's file, resolved right before it is saved (links expire, docs/backend-facts.md §6.3). */
export interface ItemFile {
  url: string;
  extension: 'mp4' | 'png';
}

/**
 * Where the library comes from: one implementation per kind of connection. The Sora session lists
 * drafts, posts and characters; a Videos API connection would list `GET {base}/videos` with `after`.
 */
export interface LibrarySource {
  /** The connection's id (`sora-session`). */
  readonly id: string;
  /** The lists it walks, in order; each is paged with its own cursor. */
  readonly lists: readonly string[];
  page(list: string, cursor: string | null): Promise<ListPage>;
  /**
   * The item's file now; null when it has none. A removed item throws a 404 SoraError (the
   * backup reports it as gone instead of retrying).
   */
  file(item: { id: string; kind: LibraryKind }): Promise<ItemFile | null>;
}
