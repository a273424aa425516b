import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { signalStalls } from '@/lib/background/stall-signal';
import { emptySummary } from '@/lib/queue/summary';

function summary(login: number, limit: number) {
  const s = emptySummary();
  s.counts['waiting-login'] = login;
  s.counts['waiting-limit'] = limit;
  return s;
}

describe('stall notifications', () => {
  beforeEach(() => fakeBrowser.reset());

  it('announces a batch stalling on sign-in once, and again only after it cleared', async () => {
    const notify = vi.fn(async () => undefined);
    await signalStalls(summary(0, 0), true, notify);
    await signalStalls(summary(31, 0), true, notify);
    await signalStalls(summary(31, 0), true, notify);
    expect(notify).toHaveBeenCalledTimes(1);
    expect(notify).toHaveBeenCalledWith('login', 31);
    await signalStalls(summary(0, 0), true, notify);
    await signalStalls(summary(0, 4), true, notify);
    expect(notify).toHaveBeenLastCalledWith('limit', 4);
    await signalStalls(summary(2, 4), true, notify);
    expect(notify).toHaveBeenLastCalledWith('login', 2);
    expect(notify).toHaveBeenCalledTimes(3);
  });

  it('stays quiet while notifications are off, without announcing the old stall later', async () => {
    const notify = vi.fn(async () => undefined);
    await signalStalls(summary(5, 0), false, notify);
    await signalStalls(summary(5, 0), true, notify);
    expect(notify).not.toHaveBeenCalled();
  });
});
