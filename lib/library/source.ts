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
  /**
   * Sent with the browser's download (a Videos API key for `/content`): held in memory for that one
   * call only, never in the URL, a row, a sidecar or a file name. Absent for signed links.
   */
  headers?: readonly { name: string; value: string }[];
  /** The hosts the file may come from (the connection's own server); the Sora media hosts by default. */
  mediaHosts?: readonly string[];
}

/**
 * Where the library comes from: one implementation per kind of connection. The Sora session lists
 * drafts, posts and characters; a Videos API connection lists `GET {base}/videos` with `after`.
 */
export interface LibrarySource {
  /** The connection's id (`sora-session`, or a connection's `conn_…`). */
  readonly id: string;
  /** What the backup says while this source refuses the credentials (signed out, every key refused). */
  readonly authMessage: string;
  /** The lists it walks, in order; each is paged with its own cursor. */
  readonly lists: readonly string[];
  page(list: string, cursor: string | null): Promise<ListPage>;
  /**
   * The item's file now; null when it has none. A removed item throws an error with `status` 404 (a
   * SoraError or a BackendError; the backup reports it as gone instead of retrying).
   */
  file(item: { id: string; kind: LibraryKind }): Promise<ItemFile | null>;
  /** Why nothing can be asked of it now (its host permission is not granted), null when it can. */
  blocked?(): Promise<string | null>;
}
