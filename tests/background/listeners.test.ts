import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

describe('background entry', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('registers every listener synchronously, before the first await (MV3 wakes only those)', async () => {
    // The fake browser's contextMenus and commands events are throwing placeholders: give them
    // real (spied) event objects.
    const contextMenusEvent = { addListener: vi.fn() };
    const commandsEvent = { addListener: vi.fn() };
    Object.defineProperty(fakeBrowser.contextMenus, 'onClicked', {
      value: contextMenusEvent,
      configurable: true,
    });
    Object.defineProperty(fakeBrowser.commands, 'onCommand', { value: commandsEvent, configurable: true });
    vi.spyOn(fakeBrowser.contextMenus, 'create').mockImplementation(() => 0);
    vi.spyOn(fakeBrowser.contextMenus, 'removeAll').mockImplementation(async () => undefined);
    const spies = {
      message: vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener'),
      // The wake port of open pages (quick recovery); the fake browser lacks it.
      connect: vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation(() => undefined),
      alarm: vi.spyOn(fakeBrowser.alarms.onAlarm, 'addListener'),
      startup: vi.spyOn(fakeBrowser.runtime.onStartup, 'addListener'),
      installed: vi.spyOn(fakeBrowser.runtime.onInstalled, 'addListener'),
      // The fake browser lacks these events; spies with empty bodies stand in.
      downloads: vi.spyOn(fakeBrowser.downloads.onChanged, 'addListener').mockImplementation(() => undefined),
      permissionAdded: vi
        .spyOn(fakeBrowser.permissions.onAdded, 'addListener')
        .mockImplementation(() => undefined),
      permissionRemoved: vi
        .spyOn(fakeBrowser.permissions.onRemoved, 'addListener')
        .mockImplementation(() => undefined),
    };
    const { default: background } = await import('@/entrypoints/background');
    const result = background.main();
    // Checked in the same turn as main(): no microtask has run yet.
    for (const [name, spy] of Object.entries(spies)) expect(spy, name).toHaveBeenCalled();
    expect(result).toBeUndefined(); // main is not async
  });
});
