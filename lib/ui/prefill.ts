import { storage } from 'wxt/utils/storage';

/** What the context menu hands to the side panel: a prompt to edit, maybe with an image to start from. */
export interface Prefill {
  text: string;
  imageUrl: string | null;
  /** A model to switch to (image-to-image picks an image model); null keeps the current one. */
  model: string | null;
  /** Makes two identical prefills distinct, so the panel applies each one. */
  at: number;
}

/** Set by the background, taken (and cleared) by the side panel; memory only (`storage.session`). */
export const prefillItem = storage.defineItem<Prefill | null>('session:prefill', { fallback: null });

/** The model last picked in a composer: the context menu queues with it. */
export const lastModelItem = storage.defineItem<string | null>('local:lastModel', { fallback: null });

/** The model used when nothing was picked yet. */
export const DEFAULT_MODEL = 'sora2-landscape-10s';

/** Set by the popup's status links: the side panel opens its queue filtered to that status (memory only). */
export const queueFocusItem = storage.defineItem<{ filter: string; at: number } | null>(
  'session:queueFocus',
  {
    fallback: null,
  },
);
