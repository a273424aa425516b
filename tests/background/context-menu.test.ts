import { describe, expect, it, vi } from 'vitest';
import { createMenus, handleMenuClick, MENU_IDS, type MenuPorts } from '@/lib/background/context-menu';

const POST = `s_${'0123456789abcdef'.repeat(2)}`;

function ports(queued = true) {
  const p: MenuPorts = {
    openSidePanel: vi.fn(async () => undefined),
    prefill: vi.fn(async () => undefined),
    queue: vi.fn(async () => ({ queued })),
    now: () => 42,
  };
  return { p };
}

describe('handleMenuClick', () => {
  it('queues selected text with the default model, without opening anything', async () => {
    const { p } = ports();
    await handleMenuClick(
      { menuItemId: 'sora-queue-text', selectionText: '  A cat on a roof  ' },
      { windowId: 1 },
      p,
    );
    expect(p.queue).toHaveBeenCalledWith('A cat on a roof');
    expect(p.openSidePanel).not.toHaveBeenCalled();
    expect(p.prefill).not.toHaveBeenCalled();
  });

  it('hands a refused selection to the side panel, where its reason shows', async () => {
    const { p } = ports(false);
    await handleMenuClick({ menuItemId: 'sora-queue-text', selectionText: '{nope} x' }, { windowId: 1 }, p);
    expect(p.prefill).toHaveBeenCalledWith({ text: '{nope} x', imageUrl: null, model: null, at: 42 });
  });

  it('opens the side panel synchronously, before any await, then prefills it', () => {
    const { p } = ports();
    const pending = handleMenuClick(
      { menuItemId: 'sora-edit-text', selectionText: 'Edit me' },
      { windowId: 7 },
      p,
    );
    // Checked in the same turn: Chrome only honours sidePanel.open inside the click's gesture.
    expect(p.openSidePanel).toHaveBeenCalledWith(7);
    return pending.then(() =>
      expect(p.prefill).toHaveBeenCalledWith({ text: 'Edit me', imageUrl: null, model: null, at: 42 }),
    );
  });

  it('starts image-to-image on an image model and image-to-video on the current one', async () => {
    const { p } = ports();
    await handleMenuClick(
      { menuItemId: 'sora-image-image', srcUrl: 'https://example.com/a.png' },
      { windowId: 1 },
      p,
    );
    expect(p.prefill).toHaveBeenLastCalledWith({
      text: '',
      imageUrl: 'https://example.com/a.png',
      model: 'gpt-image',
      at: 42,
    });
    await handleMenuClick(
      { menuItemId: 'sora-image-video', srcUrl: 'https://example.com/a.png' },
      { windowId: 1 },
      p,
    );
    expect(p.prefill).toHaveBeenLastCalledWith({
      text: '',
      imageUrl: 'https://example.com/a.png',
      model: null,
      at: 42,
    });
  });

  it('remixes a Sora share link', async () => {
    const { p } = ports();
    const link = `https://sora.chatgpt.com/p/${POST}`;
    await handleMenuClick({ menuItemId: 'sora-remix', linkUrl: link }, { windowId: 3 }, p);
    expect(p.openSidePanel).toHaveBeenCalledWith(3);
    expect(p.prefill).toHaveBeenCalledWith({ text: `${link} `, imageUrl: null, model: null, at: 42 });
  });

  it.each([
    ['an unknown menu id', { menuItemId: 'evil', selectionText: 'x' }, { windowId: 1 }],
    ['a non-string selection', { menuItemId: 'sora-queue-text', selectionText: ['x'] }, { windowId: 1 }],
    [
      'an oversized selection',
      { menuItemId: 'sora-queue-text', selectionText: 'x'.repeat(50_001) },
      { windowId: 1 },
    ],
    ['an empty selection', { menuItemId: 'sora-edit-text', selectionText: '   ' }, { windowId: 1 }],
    [
      'a javascript: image',
      { menuItemId: 'sora-image-video', srcUrl: 'javascript:alert(1)' },
      { windowId: 1 },
    ],
    ['a file: image', { menuItemId: 'sora-image-video', srcUrl: 'file:///etc/passwd' }, { windowId: 1 }],
    [
      'a lookalike share link',
      { menuItemId: 'sora-remix', linkUrl: `https://sora.chatgpt.com.evil.com/p/${POST}` },
      { windowId: 1 },
    ],
    [
      'a share link with a bad id',
      { menuItemId: 'sora-remix', linkUrl: 'https://sora.chatgpt.com/p/s_123' },
      { windowId: 1 },
    ],
    ['no tab for a side-panel action', { menuItemId: 'sora-edit-text', selectionText: 'x' }, undefined],
    ['a forged window id', { menuItemId: 'sora-edit-text', selectionText: 'x' }, { windowId: '1' }],
    ['not an object', 'sora-queue-text', { windowId: 1 }],
  ])('ignores %s', async (_name, info, tab) => {
    const { p } = ports();
    await handleMenuClick(info, tab, p);
    expect(p.queue).not.toHaveBeenCalled();
    expect(p.openSidePanel).not.toHaveBeenCalled();
    expect(p.prefill).not.toHaveBeenCalled();
  });
});

describe('createMenus', () => {
  it('creates every item under "Send to Sora", the remix item only for share and draft links', () => {
    const created: Record<string, unknown>[] = [];
    createMenus((props) => created.push(props));
    expect(created.map((c) => c.id)).toEqual([...MENU_IDS]);
    expect(created.slice(1).every((c) => c.parentId === 'sora')).toBe(true);
    expect(created.find((c) => c.id === 'sora-remix')?.targetUrlPatterns).toEqual([
      'https://sora.chatgpt.com/p/s_*',
      'https://sora.chatgpt.com/d/gen_*',
    ]);
  });
});
