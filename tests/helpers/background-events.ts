import { type MockInstance, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/**
 * The fake browser's placeholders for the events the background entry registers but the fake lacks
 * (contextMenus.onClicked and commands.onCommand throw; downloads.onChanged, permissions.onAdded /
 * onRemoved and runtime.onConnect are "not implemented"). Each gets a spy with an empty body, so the
 * real `entrypoints/background` can run its `main()` under WXT's fake browser. Returns the spies so
 * a test can assert what was registered.
 */
export function standInForMissingEvents(): Record<string, MockInstance> {
  const contextMenusEvent = { addListener: vi.fn() };
  const commandsEvent = { addListener: vi.fn() };
  Object.defineProperty(fakeBrowser.contextMenus, 'onClicked', {
    value: contextMenusEvent,
    configurable: true,
  });
  Object.defineProperty(fakeBrowser.commands, 'onCommand', { value: commandsEvent, configurable: true });
  vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 0);
  vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(async () => undefined);
  const empty = () => undefined;
  return {
    contextMenus: vi.spyOn(contextMenusEvent, 'addListener'),
    commands: vi.spyOn(commandsEvent, 'addListener'),
    // The wake port of open pages (lib/rpc/wake.ts, tests/rpc/wake.test.ts).
    connect: vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(empty),
    downloads: vi.spyOn(fakeBrowser.downloads.onChanged, 'addListener').mockImplementation(empty),
    permissionAdded: vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation(empty),
    permissionRemoved: vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation(empty),
  };
}
