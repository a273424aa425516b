import { browser } from 'wxt/browser';
import { jobsIn } from '../db/jobs';
import { settleDownload } from '../pipeline/download';
import { openFromNotification } from '../platform/signals';
import { handleRpc } from '../rpc/server';
import { listenForWake } from '../rpc/wake';
import { readSettings } from '../settings/items';
import { maskText } from '../sora/mask';
import { createHandlers } from './handlers';
import type { Services } from './services';

/** The alarm that restarts work after the worker was stopped (unpacked builds: no 30 s floor). */
export const TICK_ALARM = 'job-tick';

/** Re-creates the backstop alarm; alarms can be lost across browser restarts and updates. */
export async function ensureAlarm(): Promise<void> {
  if (!(await browser.alarms.get(TICK_ALARM)))
    await browser.alarms.create(TICK_ALARM, { periodInMinutes: 0.5 });
}

/** RPC from our own pages only; everything else is ignored or refused. */
export function setupMessages(services: Services): void {
  const handlers = createHandlers(services);
  const env = {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    handlers,
  };
  browser.runtime.onMessage.addListener((message, sender) => handleRpc(message, sender, env));
}

/** An open extension page reconnecting its wake port (after this worker was stopped) resumes the queue at once. */
export function setupWake(services: Services): void {
  listenForWake(services.kick, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
  });
}

/** A finished or failed download moves its job on, even if the worker slept through the download. */
export function setupDownloads(services: Services): void {
  browser.downloads.onChanged.addListener((delta) => {
    const state = delta.state?.current;
    if (state !== 'complete' && state !== 'interrupted') return;
    void (async () => {
      const job = (await jobsIn(services.db, ['downloading'])).find(
        (j) => j.download?.downloadId === delta.id,
      );
      if (job) {
        const deps = { db: services.db, random: Math.random, downloads: services.downloads };
        const { sidecar } = await readSettings();
        await settleDownload(deps, job, await services.downloads.get(delta.id), Date.now(), { sidecar });
      }
    })()
      // Never an unhandled rejection (docs/reliability.md §11): a full disk has already failed the job.
      .catch((error: unknown) =>
        console.warn('[sora-companion] download update failed:', maskText(String(error))),
      )
      .finally(() => void services.kick());
  });
}

let notificationListener = false;
/** `notifications` is optional: its API (and so its click event) exists only once granted. */
function listenToNotificationClicks(): void {
  if (notificationListener || !browser.notifications) return;
  notificationListener = true;
  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith('job:')) void openFromNotification();
  });
}

/** Alarm, start-up and install: each re-creates the alarm and resumes the queue. */
export function setupLifecycle(services: Services): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TICK_ALARM) void services.kick();
  });
  const resume = (): void => {
    void ensureAlarm();
    void services.kick();
  };
  browser.runtime.onStartup.addListener(resume);
  browser.runtime.onInstalled.addListener(resume);
  // Host access can be revoked and granted again at runtime; both change what the queue may do.
  browser.permissions.onAdded.addListener(() => {
    listenToNotificationClicks();
    void services.kick();
  });
  listenToNotificationClicks();
  browser.permissions.onRemoved.addListener(() => void services.kick());
}
