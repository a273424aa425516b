import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type VirtualItem,
  Virtualizer,
} from '@tanstack/virtual-core';
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useReducer, useState } from 'preact/hooks';

/** The rows a virtual list renders and how tall its content is. */
export interface VirtualRows {
  items: VirtualItem[];
  totalSize: number;
  scrollToIndex: (index: number) => void;
}

/**
 * A fixed-row-height virtual list over `count` rows in the scroll container `ref`: only the rows in
 * view (plus `overscan`) are rendered, so 10,000 jobs cost the same as 20. `scrollMargin` is where the
 * list starts inside the scroller, when the list shares one scroll area with content above it.
 */
export function useVirtualRows(
  ref: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
  overscan = 8,
  scrollMargin = 0,
): VirtualRows {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [virtualizer] = useState(
    () =>
      new Virtualizer<HTMLElement, HTMLElement>({
        count,
        getScrollElement: () => ref.current,
        estimateSize: () => rowHeight,
        overscan,
        scrollToFn: elementScroll,
        observeElementRect,
        observeElementOffset,
        // Before the first measurement (and in tests without layout), assume a tall panel.
        initialRect: { width: 400, height: 800 },
        onChange: () => rerender(undefined),
      }),
  );
  virtualizer.setOptions({
    ...virtualizer.options,
    count,
    estimateSize: () => rowHeight,
    overscan,
    scrollMargin,
  });
  useEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());
  return {
    items: virtualizer.getVirtualItems(),
    totalSize: virtualizer.getTotalSize(),
    scrollToIndex: (index) => virtualizer.scrollToIndex(index),
  };
}
