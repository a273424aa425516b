import type { Signal } from '@preact/signals';
import { type MessageKey, t } from '@/lib/ui/i18n';
import { VIEWS, type View } from '@/lib/ui/workspace';

const LABEL: Record<View, MessageKey> = {
  compose: 'tabCompose',
  batch: 'tabBatch',
  storyboard: 'tabStoryboard',
  queue: 'tabQueue',
  gallery: 'tabGallery',
  library: 'tabLibrary',
  logs: 'tabLogs',
};

/** The side panel's view tabs (`tab-<view>`), arrow keys move between them (ARIA tabs pattern). */
export function Tabs(props: { view: Signal<View> }) {
  const current = props.view.value;
  function onKeyDown(event: KeyboardEvent): void {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    const next = VIEWS[(VIEWS.indexOf(current) + step + VIEWS.length) % VIEWS.length]!;
    props.view.value = next;
    document.getElementById(`tab-${next}`)?.focus();
  }
  return (
    <div class="tabs" role="tablist" aria-label={t('viewsLabel')} onKeyDown={onKeyDown}>
      {VIEWS.map((view) => (
        <button
          key={view}
          id={`tab-${view}`}
          type="button"
          role="tab"
          data-testid={`tab-${view}`}
          aria-selected={view === current}
          tabIndex={view === current ? 0 : -1}
          onClick={() => (props.view.value = view)}
        >
          {t(LABEL[view])}
        </button>
      ))}
    </div>
  );
}
