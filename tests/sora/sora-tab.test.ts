import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createSoraTab, type SoraTabStatus, soraTabStatusItem } from '@/lib/platform/sora-tab';

type Exec = typeof fakeBrowser.scripting.executeScript;

function setup(result: unknown) {
  const statuses: SoraTabStatus[] = [];
  const exec = vi
    .spyOn(fakeBrowser.scripting, 'executeScript')
    .mockImplementation((async () => [{ frameId: 0, result }]) as unknown as Exec);
  const port = createSoraTab({
    onStatus: async (s) => {
      statuses.push(s);
      await soraTabStatusItem.setValue(s);
    },
    now: () => 42,
  });
  return { port, statuses, exec };
}

describe('sora-tab: where the sentinel comes from and what the UI is told', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    // The fake browser keeps tabs loading forever; a created tab is "complete" for these tests.
    const create = fakeBrowser.tabs.create.bind(fakeBrowser.tabs);
    vi.spyOn(fakeBrowser.tabs, 'create').mockImplementation(async (props) => ({
      ...(await create(props)),
      status: 'complete',
    }));
    const get = fakeBrowser.tabs.get.bind(fakeBrowser.tabs);
    vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => ({
      ...(await get(id)),
      status: 'complete',
    }));
    // The fake ignores URL match patterns; filter the way Chrome does for `https://sora.chatgpt.com/*`.
    const query = fakeBrowser.tabs.query.bind(fakeBrowser.tabs);
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (info) => {
      const all = await query({});
      const pattern = info.url;
      if (typeof pattern !== 'string') return all;
      return all.filter((t) => t.url?.startsWith(pattern.replace('*', '')));
    });
  });

  const soraTabs = () => fakeBrowser.tabs.query({ url: 'https://sora.chatgpt.com/*' });

  it("uses the user's Sora tab without opening another; status none", async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://sora.chatgpt.com/explore' });
    const { port, statuses, exec } = setup('{"id":"d","flow":"f"}');
    expect(await port.sentinelToken('sora_2_create_task')).toBe('{"id":"d","flow":"f"}');
    expect(exec.mock.calls[0]![0]).toMatchObject({
      target: { tabId: tab.id },
      world: 'MAIN',
      args: ['sora_2_create_task'],
    });
    expect(await soraTabs()).toHaveLength(1);
    expect(statuses).toEqual([{ state: 'none', at: 42 }]);
  });

  it('opens a background tab only when no Sora tab exists, and says so', async () => {
    const { port, statuses } = setup('tok');
    await port.sentinelToken('sora_2_create_task');
    const tabs = await soraTabs();
    expect(tabs).toHaveLength(1);
    expect(tabs[0]).toMatchObject({ url: 'https://sora.chatgpt.com/explore', active: false });
    await port.sentinelToken('sora_2_create_task');
    expect(await soraTabs()).toHaveLength(1); // reused, not reopened
    expect(statuses.map((s) => s.state)).toEqual(['own-tab-open', 'own-tab-open']);
    expect(await soraTabStatusItem.getValue()).toEqual({ state: 'own-tab-open', at: 42 });
  });

  it('no SDK in the page → null and sdk-unavailable', async () => {
    await fakeBrowser.tabs.create({ url: 'https://sora.chatgpt.com/explore' });
    const { port, statuses } = setup(null);
    expect(await port.sentinelToken('sora_2_create_task')).toBeNull();
    expect(statuses.at(-1)!.state).toBe('sdk-unavailable');
  });

  it("reloadOwnTab never reloads the user's tab: it opens its own when it has none", async () => {
    const user = await fakeBrowser.tabs.create({ url: 'https://sora.chatgpt.com/explore' });
    const reload = vi.spyOn(fakeBrowser.tabs, 'reload').mockResolvedValue(undefined);
    const { port } = setup('tok');
    await port.reloadOwnTab();
    expect(reload).not.toHaveBeenCalled();
    const tabs = await soraTabs();
    expect(tabs).toHaveLength(2);
    const own = tabs.find((t) => t.id !== user.id)!;
    await port.reloadOwnTab();
    expect(reload).toHaveBeenCalledWith(own.id);
  });
});
