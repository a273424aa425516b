import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { type Browser, EXTENSION_DIR } from './harness';
import { waitFor } from './wait';

/** A CDP debugger attached to the extension's service worker from outside (no hook in the product). */
export interface WorkerDebugger {
  send(method: string, params?: object): Promise<unknown>;
  /** Resolves when the worker pauses (a breakpoint was hit). */
  waitForPause(timeoutMs?: number): Promise<void>;
  detach(): Promise<void>;
}

/** Attaches to the worker through the browser session (`Target.sendMessageToTarget`, non-flat mode). */
export async function attachWorkerDebugger(browser: Browser): Promise<WorkerDebugger> {
  const cdp: CDPSession = await browser.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.includes(browser.extensionId));
  if (!target) throw new Error('no service worker target');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  let seq = 0;
  let paused = 0;
  const answers = new Map<number, (value: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as {
      id?: number;
      result?: unknown;
      error?: unknown;
      method?: string;
    };
    if (message.id !== undefined) answers.get(message.id)?.(message.error ?? message.result);
    else if (message.method === 'Debugger.paused') paused += 1;
  });
  const send = (method: string, params: object = {}): Promise<unknown> =>
    new Promise((resolve) => {
      const id = ++seq;
      answers.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  return {
    send,
    waitForPause: async (timeoutMs = 30_000) => {
      await waitFor(() => paused > 0, 'the worker to pause at the breakpoint', timeoutMs);
    },
    detach: async () => {
      await cdp.detach().catch(() => undefined);
    },
  };
}

/**
 * A breakpoint on the statement right after `downloads.download()` resolved in the download step,
 * before the download id is saved: found in the built bundle by its shape, so a rename shows up as a
 * clear failure here rather than a test that silently stops pausing.
 */
export async function breakAfterDownloadRequest(dbg: WorkerDebugger): Promise<void> {
  const source = readFileSync(join(EXTENSION_DIR, 'background.js'), 'utf8');
  const shape =
    /downloads\.download\(\{url:[^}]*\}\),\w+=await \w+\(\w+\.db,\w+\.id,\{type:`download_started`/;
  const match = shape.exec(source);
  if (!match)
    throw new Error('the download step (download, then save its id) was not found in background.js');
  const at = match.index + match[0].indexOf('await ') + 'await '.length;
  const before = source.slice(0, at);
  const lineNumber = before.split('\n').length - 1;
  const columnNumber = at - (before.lastIndexOf('\n') + 1);
  await dbg.send('Debugger.enable');
  const result = (await dbg.send('Debugger.setBreakpointByUrl', {
    urlRegex: 'background\\.js$',
    lineNumber,
    columnNumber,
  })) as { locations?: unknown[] };
  if (!result.locations?.length) throw new Error('the breakpoint did not resolve in the running worker');
}
