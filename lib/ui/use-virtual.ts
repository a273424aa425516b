import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** One rendered row of a virtual list: its index and where it sits (px from the scroller's top). */
export interface VirtualItem {
  index: number;
  key: number;
  start: number;
  size: number;
  end: number;
}

/** The rows a virtual list renders and how tall its content is. */
export interface VirtualRows {
  items: VirtualItem[];
  totalSize: number;
  scrollToIndex: (index: number) => void;
}

/** Before the first measurement (and in tests without layout), assume a tall panel. */
const INITIAL_HEIGHT = 800;

/**
 * A fixed-row-height virtual list over `count` rows in the scroll container `ref`: only the rows in
 * view (plus `overscan`) are rendered, and every position is arithmetic, so the cost follows the
 * rows in view — 100,000 jobs cost what 20 do (a general virtualizer keeps a measurement per row).
 * `scrollMargin` is where the list starts inside the scroller, when the list shares one scroll area
 * with content above it; each item's `start` includes it.
 */
export function useVirtualRows(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 8,
  scrollMargin = 0,
): VirtualRows {
  // The scroll position in whole rows and the viewport height: a re-render only when either changes.
  const [view, setView] = useState({ row: 0, height: INITIAL_HEIGHT });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const read = (): void => {
      const next = { row: Math.floor(el.scrollTop / rowHeight), height: el.clientHeight || INITIAL_HEIGHT };
      setView((v) => (v.row === next.row && v.height === next.height ? v : next));
    };
    read();
    el.addEventListener('scroll', read, { passive: true });
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(read) : null;
    resize?.observe(el);
    return () => {
      el.removeEventListener('scroll', read);
      resize?.disconnect();
    };
  }, [ref, rowHeight]);

  const top = view.row * rowHeight - scrollMargin;
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((top + view.height + rowHeight) / rowHeight) + overscan);
  const items: VirtualItem[] = [];
  for (let index = first; index <= last; index++) {
    const start = scrollMargin + index * rowHeight;
    items.push({ index, key: index, start, size: rowHeight, end: start + rowHeight });
  }
  return {
    items,
    totalSize: count * rowHeight,
    scrollToIndex: (index) => {
      const el = ref.current;
      if (el) el.scrollTop = scrollMargin + index * rowHeight;
    },
  };
}
