import type { LibraryItemRow, LibraryKind } from './rows';

/** What the library view shows: search, filters and order (all optional). */
export interface LibraryFilter {
  search: string;
  kind: LibraryKind | 'all';
  origin: 'here' | 'elsewhere' | 'all';
  /** Inclusive day bounds as `YYYY-MM-DD`, empty = open. */
  from: string;
  to: string;
  sort: 'newest' | 'oldest' | 'prompt' | 'longest';
}

export const DEFAULT_FILTER: LibraryFilter = {
  search: '',
  kind: 'all',
  origin: 'all',
  from: '',
  to: '',
  sort: 'newest',
};

const DAY = 86_400_000;
const dayStart = (day: string): number => (day ? Date.parse(`${day}T00:00:00Z`) : Number.NaN);

/** Applies the view's filter and order; items removed from the account are left out. */
export function filterLibrary<T extends LibraryItemRow>(items: readonly T[], f: LibraryFilter): T[] {
  const words = f.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const from = dayStart(f.from);
  const to = dayStart(f.to) + DAY;
  const shown = items.filter((item) => {
    if (item.goneAt !== null) return false;
    if (f.kind !== 'all' && item.kind !== f.kind) return false;
    if (f.origin !== 'all' && item.origin !== f.origin) return false;
    if (!Number.isNaN(from) && item.createdAt < from) return false;
    if (!Number.isNaN(to) && item.createdAt >= to) return false;
    const text = `${item.prompt} ${item.model ?? ''} ${item.id}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const order: Record<LibraryFilter['sort'], (a: T, b: T) => number> = {
    newest: (a, b) => b.createdAt - a.createdAt,
    oldest: (a, b) => a.createdAt - b.createdAt,
    prompt: (a, b) => a.prompt.localeCompare(b.prompt),
    longest: (a, b) => (b.durationS ?? 0) - (a.durationS ?? 0),
  };
  return shown.sort(order[f.sort]);
}
