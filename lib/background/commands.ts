import { browser } from 'wxt/browser';
import { jobsIn } from '../db/jobs';
import { PAUSABLE_STATUSES } from '../queue/status';
import { queueText } from './context-menu';
import { bulkAction } from './queue-actions';
import type { Services } from './services';

/** The keyboard commands declared in the manifest (`wxt.config.ts`). */
export const COMMANDS = ['open-side-panel', 'queue-selection', 'toggle-pause'] as const;

/** Pauses the queue, or resumes it when something is paused. */
export async function togglePause(services: Services, now: number): Promise<number> {
  const paused = await jobsIn(services.db, ['paused']);
  const ids = paused.length > 0 ? paused : await jobsIn(services.db, PAUSABLE_STATUSES);
  const changed = await bulkAction(
    services.db,
    paused.length > 0 ? 'resume' : 'pause',
    ids.map((j) => j.id),
    now,
  );
  if (changed > 0) void services.kick();
  return changed;
}

/** The page's selected text; the command's `activeTab` grant allows reading it once. */
async function selectionIn(tabId: number): Promise<string> {
  const [frame] = await browser.scripting.executeScript({
    target: { tabId },
    func: () => getSelection()?.toString() ?? '',
  });
  return typeof frame?.result === 'string' ? frame.result.slice(0, 50_000).trim() : '';
}

/** Registers the command listener synchronously at start-up. */
export function setupCommands(services: Services): void {
  const queue = queueText(services);
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'open-side-panel' && tab?.windowId !== undefined) {
      void browser.sidePanel.open({ windowId: tab.windowId }); // before any await: the key press is the gesture
    } else if (command === 'queue-selection' && tab?.id !== undefined) {
      void selectionIn(tab.id)
        .then((text) => (text ? queue(text) : null))
        .catch((e: unknown) => console.warn('[sora-companion] queue selection failed', e));
    } else if (command === 'toggle-pause') void togglePause(services, Date.now());
  });
}
