import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { standInForMissingEvents } from '../helpers/background-events';

describe('background entry', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('registers every listener synchronously, before the first await (MV3 wakes only those)', async () => {
    const spies = {
      ...standInForMissingEvents(),
      message: vi.spyOn(fakeBrowser.runtime.onMessage, 'addListener'),
      alarm: vi.spyOn(fakeBrowser.alarms.onAlarm, 'addListener'),
      startup: vi.spyOn(fakeBrowser.runtime.onStartup, 'addListener'),
      installed: vi.spyOn(fakeBrowser.runtime.onInstalled, 'addListener'),
    };
    const { default: background } = await import('@/entrypoints/background');
    const result = background.main();
    // Checked in the same turn as main(): no microtask has run yet.
    for (const [name, spy] of Object.entries(spies)) expect(spy, name).toHaveBeenCalled();
    expect(result).toBeUndefined(); // main is not async
  });
});
