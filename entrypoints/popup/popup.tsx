import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { AccountBar } from '@/components/account-bar';
import { QueueSummary } from '@/components/queue-summary';
import { QuickComposer } from '@/components/quick-composer';
import type { DisplayStatus } from '@/lib/queue/status';
import { t } from '@/lib/ui/i18n';
import { queueFocusItem } from '@/lib/ui/prefill';

/** Opens the side panel; called synchronously in the click, before any await (the user gesture). */
function openSidePanel(windowId: number | null, filter: DisplayStatus | null = null): void {
  if (windowId === null) return;
  const opened = browser.sidePanel.open({ windowId });
  // The panel shows its queue filtered to the status whose count was clicked.
  const focus = filter ? queueFocusItem.setValue({ filter, at: Date.now() }) : Promise.resolve();
  void Promise.all([opened, focus]).then(() => window.close());
}

/** Quick submit, the queue at a glance, and the way to the side panel. No database code is loaded. */
export function Popup() {
  const [windowId, setWindowId] = useState<number | null>(null);
  useEffect(() => {
    void browser.windows.getCurrent().then((win) => setWindowId(win.id ?? null));
  }, []);
  return (
    <div class="popup">
      <AccountBar />
      <main>
        <h1 class="sr-only">{t('extName')}</h1>
        <QuickComposer />
        <QueueSummary onOpen={(status) => openSidePanel(windowId, status)} />
        <button data-testid="open-sidepanel" type="button" onClick={() => openSidePanel(windowId)}>
          {t('openSidePanel')}
        </button>
      </main>
    </div>
  );
}
