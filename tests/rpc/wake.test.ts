import { describe, expect, it, type Mock, vi } from 'vitest';
import {
  keepWorkerAwake,
  listenForWake,
  MAX_RECONNECT_MS,
  RECONNECT_MS,
  WAKE_PORT,
  type WakePort,
} from '@/lib/rpc/wake';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}`;

function fakePort(
  name: string,
  sender?: WakePort['sender'],
): WakePort & { drop(): void; disconnect: Mock<() => void> } {
  const listeners: (() => void)[] = [];
  return {
    name,
    ...(sender ? { sender } : {}),
    disconnect: vi.fn<() => void>(),
    onDisconnect: { addListener: (fn) => void listeners.push(fn) },
    drop: () => {
      for (const fn of listeners) fn();
    },
  };
}

describe('page side: keepWorkerAwake', () => {
  function setup() {
    let now = 0;
    const ports: ReturnType<typeof fakePort>[] = [];
    const timers: { fn: () => void; ms: number }[] = [];
    const stop = keepWorkerAwake({
      connect: () => {
        const port = fakePort(WAKE_PORT);
        ports.push(port);
        return port;
      },
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      now: () => now,
    });
    const advance = (ms: number): void => {
      now += ms;
    };
    const fireTimer = (): number => {
      const timer = timers.shift();
      if (!timer) throw new Error('no reconnect scheduled');
      timer.fn();
      return timer.ms;
    };
    return { ports, timers, stop, advance, fireTimer };
  }

  it('connects at once and, when the worker goes away, connects again soon (which starts it)', () => {
    const t = setup();
    expect(t.ports).toHaveLength(1);
    t.advance(60_000);
    t.ports[0]!.drop();
    expect(t.fireTimer()).toBe(RECONNECT_MS);
    expect(t.ports).toHaveLength(2);
  });

  it('backs off when the port keeps dropping at once, and recovers once a connection lasts', () => {
    const t = setup();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      t.ports[t.ports.length - 1]!.drop();
      delays.push(t.fireTimer());
    }
    expect(delays.slice(0, 3)).toEqual([RECONNECT_MS * 2, RECONNECT_MS * 4, RECONNECT_MS * 8]);
    expect(delays[delays.length - 1]).toBe(MAX_RECONNECT_MS);
    t.advance(5_000);
    t.ports[t.ports.length - 1]!.drop();
    expect(t.fireTimer()).toBe(RECONNECT_MS);
  });

  it('stops reconnecting once stopped', () => {
    const t = setup();
    t.stop();
    t.ports[0]!.drop();
    t.fireTimer();
    expect(t.ports).toHaveLength(1);
  });
});

describe('worker side: listenForWake', () => {
  function setup() {
    let listener: ((port: WakePort) => void) | undefined;
    const kick = vi.fn(async () => undefined);
    listenForWake(
      kick,
      { extensionId: ID, extensionOrigin: ORIGIN },
      {
        addListener: (fn) => {
          listener = fn;
        },
      },
    );
    return { kick, connect: (port: WakePort) => listener?.(port) };
  }

  it("a wake port from the extension's own page resumes the queue and stays open", () => {
    const t = setup();
    const port = fakePort(WAKE_PORT, { id: ID, url: `${ORIGIN}/sidepanel.html` });
    t.connect(port);
    expect(t.kick).toHaveBeenCalledTimes(1);
    expect(port.disconnect).not.toHaveBeenCalled();
  });

  it.each([
    ['a content script on a web page', { id: ID, url: 'https://sora.chatgpt.com/explore', tab: { id: 1 } }],
    ['another extension', { id: 'x'.repeat(32), url: `chrome-extension://${'x'.repeat(32)}/page.html` }],
    ['a sender without url', { id: ID }],
    ['a forged origin', { id: ID, url: `${ORIGIN}.evil.example/page.html` }],
  ])('%s is disconnected and wakes nothing', (_name, sender) => {
    const t = setup();
    const port = fakePort(WAKE_PORT, sender);
    t.connect(port);
    expect(port.disconnect).toHaveBeenCalled();
    expect(t.kick).not.toHaveBeenCalled();
  });

  it('a port of another name is disconnected, even from our own page', () => {
    const t = setup();
    const port = fakePort('other', { id: ID, url: `${ORIGIN}/popup.html` });
    t.connect(port);
    expect(port.disconnect).toHaveBeenCalled();
    expect(t.kick).not.toHaveBeenCalled();
  });
});
