import { useEffect } from 'preact/hooks';
import { AccountBar } from '@/components/account-bar';
import { CharacterList } from '@/components/character-list';
import { Composer } from '@/components/composer';
import { lazyView } from '@/components/lazy-view';
import { PermissionBanner } from '@/components/permission-banner';
import { QueueView } from '@/components/queue-view';
import { SoraTabBanner } from '@/components/sora-tab-banner';
import { Tabs } from '@/components/tabs';
import type { SoraDb } from '@/lib/db/schema';
import { isModelName } from '@/lib/prompt/models';
import { call } from '@/lib/rpc/client';
import { accountItem } from '@/lib/settings/items';
import { DRAFTS, loadDraft, saveDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { urlMedia } from '@/lib/ui/media';
import { lastModelItem, type Prefill, prefillItem, queueFocusItem } from '@/lib/ui/prefill';
import { useStorageValue } from '@/lib/ui/storage-value';
import { type Workspace, WorkspaceContext } from '@/lib/ui/workspace';

// Views other than the first load their code when first opened (a faster first paint).
const BatchView = lazyView(() => import('@/components/batch-view').then((m) => m.BatchView));
const StoryboardEditor = lazyView(() =>
  import('@/components/storyboard-editor').then((m) => m.StoryboardEditor),
);
const GalleryView = lazyView(() => import('@/components/gallery-view').then((m) => m.GalleryView));
const LibraryView = lazyView(() => import('@/components/library-view').then((m) => m.LibraryView));
const LogsView = lazyView(() => import('@/components/logs-view').then((m) => m.LogsView));

/** Views that keep the live queue below them (the workspace); gallery and logs use the whole height. */
const WITH_QUEUE = new Set(['compose', 'batch', 'storyboard', 'queue']);

function applyPrefill(ws: Workspace, prefill: Prefill | null): void {
  if (!prefill) return;
  ws.draft.value = prefill.text;
  if (prefill.model && isModelName(prefill.model)) ws.model.value = prefill.model;
  ws.images.value = prefill.imageUrl ? [urlMedia(prefill.imageUrl, 'image')] : [];
  ws.view.value = 'compose';
  void prefillItem.setValue(null);
}

/** Remembers the picked model, takes what the context menu hands over, and loads the live styles. */
function useWorkspaceSync(ws: Workspace): void {
  const account = useStorageValue(accountItem);
  useEffect(() => {
    void lastModelItem.getValue().then((m) => {
      if (m && isModelName(m)) ws.model.value = m;
    });
    const stop = ws.model.subscribe((m) => void lastModelItem.setValue(m));
    // The composer's text survives closing the panel; a context-menu prefill, taken after it, wins.
    let saveTimer: ReturnType<typeof setTimeout> | undefined;
    let restored = false;
    void loadDraft(DRAFTS.composer)
      .then((d) => {
        if (ws.draft.value === '') ws.draft.value = d.text;
      })
      .finally(() => {
        restored = true;
        void prefillItem.getValue().then((p) => applyPrefill(ws, p));
      });
    const stopDraft = ws.draft.subscribe((text) => {
      if (!restored) return;
      clearTimeout(saveTimer);
      saveTimer = setTimeout(() => void saveDraft(DRAFTS.composer, { text }), 300);
    });
    const flush = (): void => void saveDraft(DRAFTS.composer, { text: ws.draft.value });
    window.addEventListener('pagehide', flush);
    const unwatch = prefillItem.watch((p) => applyPrefill(ws, p));
    const focus = (f: { filter: string } | null): void => {
      if (!f) return;
      ws.queueFocus.value = f.filter;
      ws.view.value = 'queue';
      void queueFocusItem.setValue(null);
    };
    void queueFocusItem.getValue().then(focus);
    const unwatchFocus = queueFocusItem.watch(focus);
    return () => {
      stop();
      stopDraft();
      unwatch();
      unwatchFocus();
      window.removeEventListener('pagehide', flush);
    };
  }, [ws]);
  useEffect(() => {
    if (account.state !== 'signed-in') return;
    // Sora's style list; asked again a few times while it comes back empty (the worker may still be
    // checking the session right after sign-in), so completion never stays without styles.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (triesLeft: number): void =>
      void call('styles', {})
        .then((r) => r.styles.map((s) => s.id))
        .catch(() => [] as string[])
        .then((ids) => {
          if (ids.length > 0) ws.styles.value = ids;
          else if (triesLeft > 0) timer = setTimeout(() => load(triesLeft - 1), 2_000);
        });
    load(5);
    return () => clearTimeout(timer);
  }, [account.state, ws]);
}

/** The workspace: account bar, view tabs, the active tool, and the live queue. */
export function SidePanel(props: { db: SoraDb; workspace: Workspace }) {
  const ws = props.workspace;
  useWorkspaceSync(ws);
  const view = ws.view.value;
  return (
    <WorkspaceContext.Provider value={ws}>
      <AccountBar onPlan={(plan) => (ws.plan.value = plan)} />
      <PermissionBanner />
      <SoraTabBanner />
      <Tabs view={ws.view} />
      {/* One scroll area per view: the tool and the queue below it scroll together. */}
      <main class={`workspace view-${view}`} data-scroll-root>
        <h1 class="sr-only">{t('extName')}</h1>
        {view !== 'queue' && (
          <div id="view" role="tabpanel" aria-labelledby={`tab-${view}`} class="tool">
            {view === 'compose' && (
              <>
                <Composer />
                <CharacterList db={props.db} />
              </>
            )}
            {view === 'batch' && <BatchView />}
            {view === 'storyboard' && <StoryboardEditor />}
            {view === 'gallery' && <GalleryView db={props.db} />}
            {view === 'library' && <LibraryView db={props.db} />}
            {view === 'logs' && <LogsView db={props.db} />}
          </div>
        )}
        {WITH_QUEUE.has(view) && <QueueView db={props.db} />}
      </main>
    </WorkspaceContext.Provider>
  );
}
