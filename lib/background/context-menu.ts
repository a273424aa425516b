import { browser } from 'wxt/browser';
import { z } from 'zod/mini';
import { DRAFT_ID_SOURCE, isRemixId, POST_ID_SOURCE, SORA_LINK_HOST_SOURCE } from '../prompt/remix';
import { t } from '../ui/i18n';
import { DEFAULT_MODEL, lastModelItem, type Prefill, prefillItem } from '../ui/prefill';
import { enqueue } from './enqueue';
import type { Services } from './services';

/** The "Send to Sora" menu items. */
export const MENU_IDS = [
  'sora',
  'sora-queue-text',
  'sora-edit-text',
  'sora-image-video',
  'sora-image-image',
  'sora-remix',
] as const;
type MenuId = (typeof MENU_IDS)[number];

/** A Sora share link `…/p/s_<32 hex>` or draft link `…/d/gen_<26>` (docs/backend-facts.md §4.6, §2.1). */
const SHARE_LINK = new RegExp(
  `^https:\\/\\/${SORA_LINK_HOST_SOURCE}\\/(?:p\\/(${POST_ID_SOURCE})|d\\/(${DRAFT_ID_SOURCE}))(?:[/?#].*)?$`,
);

// Click data comes from arbitrary web pages: everything is checked, bounded and typed here.
const ClickSchema = z.object({
  menuItemId: z.enum(MENU_IDS),
  selectionText: z.optional(z.string().check(z.maxLength(50_000))),
  srcUrl: z.optional(z.string().check(z.maxLength(8_192))),
  linkUrl: z.optional(z.string().check(z.maxLength(8_192))),
});
const TabSchema = z.object({ windowId: z.int().check(z.nonnegative()) });

/** What the menu handler needs; injected so it can be tested without a browser. */
export interface MenuPorts {
  /** Must be called before anything is awaited: Chrome requires the click's user gesture. */
  openSidePanel: (windowId: number) => Promise<void>;
  prefill: (prefill: Prefill) => Promise<void>;
  queue: (text: string) => Promise<{ queued: boolean }>;
  now: () => number;
}

function imageUrl(src: string | undefined): string | null {
  if (!src) return null;
  return /^(https?:|data:image\/(png|jpeg|webp);base64,)/i.test(src) ? src : null;
}

/**
 * Handles one "Send to Sora" click. Selected text is queued with the default model (or opened in the
 * side panel to edit), an image starts image-to-video or image-to-image, a share link starts a remix.
 * Invalid input is ignored. Returns the pending work so tests can await it.
 */
export function handleMenuClick(info: unknown, tab: unknown, ports: MenuPorts): Promise<void> {
  const click = ClickSchema.safeParse(info);
  if (!click.success) return Promise.resolve();
  const { menuItemId: id, selectionText, srcUrl, linkUrl } = click.data;
  const windowId = TabSchema.safeParse(tab).data?.windowId ?? null;
  const text = selectionText?.trim() ?? '';
  const open = (prefill: Omit<Prefill, 'at'>): Promise<void> => {
    if (windowId === null) return Promise.resolve();
    const opening = ports.openSidePanel(windowId); // synchronously, in the gesture
    return Promise.all([opening, ports.prefill({ ...prefill, at: ports.now() })]).then(() => undefined);
  };
  if (id === 'sora-queue-text' && text) {
    return ports.queue(text).then(async (r) => {
      // A prompt the queue refused waits in the side panel, where its reason is shown.
      if (!r.queued) await ports.prefill({ text, imageUrl: null, model: null, at: ports.now() });
    });
  }
  if (id === 'sora-edit-text' && text) return open({ text, imageUrl: null, model: null });
  if ((id === 'sora-image-video' || id === 'sora-image-image') && imageUrl(srcUrl)) {
    return open({
      text: '',
      imageUrl: imageUrl(srcUrl),
      model: id === 'sora-image-image' ? 'gpt-image' : null,
    });
  }
  const link = SHARE_LINK.exec(linkUrl ?? '');
  const remix = link?.[1] ?? link?.[2];
  if (id === 'sora-remix' && remix && isRemixId(remix))
    return open({ text: `${linkUrl} `, imageUrl: null, model: null });
  return Promise.resolve();
}

/** Creates the menu items (on install and update; Chrome keeps them across restarts). */
export function createMenus(create: (props: Record<string, unknown>) => void): void {
  const parent = 'sora' satisfies MenuId;
  create({ id: parent, title: t('menuSendToSora'), contexts: ['selection', 'image', 'link'] });
  create({
    id: 'sora-queue-text',
    parentId: parent,
    title: t('menuQueueSelection'),
    contexts: ['selection'],
  });
  create({ id: 'sora-edit-text', parentId: parent, title: t('menuEditSelection'), contexts: ['selection'] });
  create({ id: 'sora-image-video', parentId: parent, title: t('menuImageToVideo'), contexts: ['image'] });
  create({ id: 'sora-image-image', parentId: parent, title: t('menuImageToImage'), contexts: ['image'] });
  create({
    id: 'sora-remix',
    parentId: parent,
    title: t('menuRemixLink'),
    contexts: ['link'],
    targetUrlPatterns: ['https://sora.chatgpt.com/p/s_*', 'https://sora.chatgpt.com/d/gen_*'],
  });
}

/** Queues text with the model last picked in a composer (the default model). */
export function queueText(services: Services): (text: string) => Promise<{ queued: boolean }> {
  return async (text) => {
    const model = (await lastModelItem.getValue()) ?? DEFAULT_MODEL;
    const result = await enqueue(
      services.db,
      { items: [{ text, model }], source: 'context-menu' },
      { now: Date.now(), styles: { live: null } },
    );
    if (result.ids.length > 0) void services.kick();
    return { queued: result.ids.length > 0 };
  };
}

/** Registers the context menu: items on install, the click listener synchronously at start-up. */
export function setupContextMenu(services: Services): void {
  browser.runtime.onInstalled.addListener(() => {
    void browser.contextMenus
      .removeAll()
      .then(() => createMenus((props) => browser.contextMenus.create(props as never)));
  });
  const ports: MenuPorts = {
    openSidePanel: (windowId) => browser.sidePanel.open({ windowId }),
    prefill: (prefill) => prefillItem.setValue(prefill),
    queue: queueText(services),
    now: Date.now,
  };
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void handleMenuClick(info, tab, ports).catch((e: unknown) =>
      console.warn('[sora-companion] menu action failed', e),
    );
  });
}
