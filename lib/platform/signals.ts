import { browser } from 'wxt/browser';
import { logWebhookDelivery } from '../settings/items';
import { t } from '../ui/i18n';
import { originPattern } from './permissions';

/** What a finished job tells the outside: no links, no tokens — safe for a third-party webhook. */
export interface JobSignal {
  event: 'job.completed' | 'job.failed';
  jobId: string;
  prompt: string;
  model: string;
  taskId: string | null;
  generationId: string | null;
  fileName: string | null;
  error: string | null;
  finishedAt: string;
}

/** What the toolbar badge shows (the pipeline decides it from the queue summary). */
export interface BadgeFace {
  text: string;
  color: string;
}

/** The outside world the signals reach; each is injected so tests can observe it. */
export interface SignalPorts {
  notify(signal: JobSignal): Promise<void>;
  webhook(url: string, signal: JobSignal): Promise<void>;
  badge(face: BadgeFace): Promise<void>;
}

/** The origin pattern a webhook URL needs as an optional host permission. */
export const webhookOrigin = originPattern;

async function notify(signal: JobSignal): Promise<void> {
  // `notifications` is optional: asked for when the user turns notifications on.
  if (!browser.notifications || !(await browser.permissions.contains({ permissions: ['notifications'] })))
    return;
  const done = signal.event === 'job.completed';
  await browser.notifications.create(`job:${signal.jobId}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: done ? t('notifyDone') : t('notifyFailed'),
    message: done ? signal.prompt.slice(0, 200) : `${signal.prompt.slice(0, 120)} — ${signal.error ?? ''}`,
  });
}

async function webhook(url: string, signal: JobSignal): Promise<void> {
  const origin = webhookOrigin(url);
  const entry = { at: Date.now(), jobId: signal.jobId, origin: origin ?? url.slice(0, 100) };
  // Only the user's own URL, and only once they granted its origin; otherwise the log says why.
  if (!origin || !(await browser.permissions.contains({ origins: [origin] }))) {
    await logWebhookDelivery({ ...entry, status: null, ok: false, problem: 'not_granted' });
    return;
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signal),
      credentials: 'omit',
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    await logWebhookDelivery({ ...entry, status: null, ok: false, problem: 'network' });
    throw error;
  }
  await logWebhookDelivery({
    ...entry,
    status: response.status,
    ok: response.ok,
    problem: response.ok ? null : 'http',
  });
}

/** The real signal ports: notifications, the user's webhook, the toolbar badge. */
export function createSignalPorts(): SignalPorts {
  return {
    notify,
    webhook,
    async badge({ text, color }) {
      await browser.action.setBadgeText({ text });
      await browser.action.setBadgeBackgroundColor({ color });
    },
  };
}

/** A notification click opens the side panel where Chrome allows it, else the side panel page in a tab. */
export async function openFromNotification(): Promise<void> {
  try {
    const win = await browser.windows.getLastFocused();
    if (win.id === undefined) throw new Error('no window');
    await browser.sidePanel.open({ windowId: win.id });
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
  }
}
