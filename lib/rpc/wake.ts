import { browser } from 'wxt/browser';
import { isTrustedSender, type SenderLike } from './server';

/** Name of the long-lived port our pages hold to the worker. */
export const WAKE_PORT = 'sora-companion/wake';
/** Reconnect this soon after the worker went away (a stopped worker is running again within ~2 s). */
export const RECONNECT_MS = 100;
/** A worker that keeps dropping the port at once is not hammered: the delay doubles up to this. */
export const MAX_RECONNECT_MS = 10_000;
/** A connection that lived this long was healthy; the next reconnect starts from RECONNECT_MS again. */
const HEALTHY_MS = 1_000;

/** The part of a `runtime.Port` the wake logic uses. */
export interface WakePort {
  name: string;
  sender?: SenderLike;
  disconnect(): void;
  onDisconnect: { addListener(fn: () => void): void };
}

export interface KeepAwakeDeps {
  connect: () => WakePort;
  setTimer: (fn: () => void, ms: number) => unknown;
  now: () => number;
}

const defaultDeps = (): KeepAwakeDeps => ({
  connect: () => browser.runtime.connect({ name: WAKE_PORT }),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  now: () => Date.now(),
});

/**
 * Page side: hold a port to the worker. When the worker stops (idle, crash, update) the port
 * disconnects; connecting again starts a new worker, which resumes the queue at once instead of
 * waiting for the next alarm. Returns a function that stops it (used by tests).
 */
export function keepWorkerAwake(deps: KeepAwakeDeps = defaultDeps()): () => void {
  let stopped = false;
  let delay = RECONNECT_MS;
  const open = (): void => {
    if (stopped) return;
    const openedAt = deps.now();
    let port: WakePort;
    try {
      port = deps.connect();
    } catch {
      return; // the extension was reloaded or removed: this page's context is gone
    }
    port.onDisconnect.addListener(() => {
      // Reading lastError keeps Chrome from logging "Unchecked runtime.lastError" on a normal stop.
      void browser.runtime.lastError;
      delay = deps.now() - openedAt >= HEALTHY_MS ? RECONNECT_MS : Math.min(delay * 2, MAX_RECONNECT_MS);
      deps.setTimer(open, delay);
    });
  };
  open();
  return () => {
    stopped = true;
  };
}

/**
 * Worker side: a wake port from one of our own pages resumes the queue; any other connection
 * (a content script, a forged sender) is closed and does nothing.
 */
export function listenForWake(
  kick: () => Promise<void>,
  env: { extensionId: string; extensionOrigin: string },
  onConnect: { addListener(fn: (port: WakePort) => void): void } = browser.runtime.onConnect,
): void {
  onConnect.addListener((port) => {
    if (
      port.name !== WAKE_PORT ||
      !isTrustedSender(port.sender ?? {}, env.extensionId, env.extensionOrigin)
    ) {
      port.disconnect();
      return;
    }
    void kick();
  });
}
