import { useState } from 'preact/hooks';
import { BackupPanel } from '@/components/backup-panel';
import { LibraryItem } from '@/components/library-item';
import { LibraryAccess, LibrarySourceSelect, listable } from '@/components/library-source';
import { useConnections } from '@/components/use-connections';
import type { SoraDb } from '@/lib/db/schema';
import { DEFAULT_FILTER, filterLibrary, type LibraryFilter } from '@/lib/library/filter';
import type { LibraryItemRow, LibraryScanRow } from '@/lib/library/rows';
import { SORA_SOURCE_ID } from '@/lib/library/sora-source';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';

/** Items drawn at first; more on request (a long library stays quick to show and to update). */
const PAGE = 100;

interface Listed {
  items: LibraryItemRow[];
  scans: LibraryScanRow[];
}

/** One source's items and list walks (the other sources' wait until picked). */
async function listed(db: SoraDb, source: string): Promise<Listed> {
  const [items, scans] = await Promise.all([
    db.libraryItems.filter((i) => i.source === source).toArray(),
    db.libraryScans.filter((s) => s.source === source).toArray(),
  ]);
  return { items, scans };
}

function ScanStatus(props: { scans: LibraryScanRow[] }) {
  const scanning = props.scans.filter((s) => s.state === 'scanning');
  const failed = props.scans.filter((s) => s.state === 'failed');
  const seen = scanning.reduce((n, s) => n + s.seen, 0);
  return (
    <>
      {scanning.length > 0 && (
        <p class="muted" role="status">
          {t('libraryScanning', String(seen))}
        </p>
      )}
      {failed.map((s) => (
        <p key={s.list} role="alert">
          {t('libraryScanFailed', s.list.split(':').pop() ?? s.list, s.error ?? '')}
        </p>
      ))}
    </>
  );
}

function Filters(props: { filter: LibraryFilter; onChange: (f: LibraryFilter) => void }) {
  const f = props.filter;
  const set = (patch: Partial<LibraryFilter>) => props.onChange({ ...f, ...patch });
  return (
    <fieldset class="row" aria-label={t('libraryFilters')}>
      <input
        type="search"
        data-testid="library-search"
        placeholder={t('librarySearch')}
        aria-label={t('librarySearch')}
        value={f.search}
        onInput={(e) => set({ search: e.currentTarget.value })}
      />
      <select
        data-testid="library-kind"
        aria-label={t('libraryKindAll')}
        value={f.kind}
        onChange={(e) => set({ kind: e.currentTarget.value as LibraryFilter['kind'] })}
      >
        <option value="all">{t('libraryKindAll')}</option>
        <option value="draft">{t('libraryKindDraft')}</option>
        <option value="post">{t('libraryKindPost')}</option>
        <option value="character">{t('libraryKindCharacter')}</option>
        <option value="video">{t('libraryKindVideo')}</option>
      </select>
      <select
        data-testid="library-origin"
        aria-label={t('libraryOriginAll')}
        value={f.origin}
        onChange={(e) => set({ origin: e.currentTarget.value as LibraryFilter['origin'] })}
      >
        <option value="all">{t('libraryOriginAll')}</option>
        <option value="here">{t('libraryOriginHere')}</option>
        <option value="elsewhere">{t('libraryOriginElsewhere')}</option>
      </select>
      <label>
        {t('libraryFrom')}{' '}
        <input
          type="date"
          data-testid="library-from"
          value={f.from}
          onInput={(e) => set({ from: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('libraryTo')}{' '}
        <input
          type="date"
          data-testid="library-to"
          value={f.to}
          onInput={(e) => set({ to: e.currentTarget.value })}
        />
      </label>
      <select
        data-testid="library-sort"
        aria-label={t('librarySort')}
        value={f.sort}
        onChange={(e) => set({ sort: e.currentTarget.value as LibraryFilter['sort'] })}
      >
        <option value="newest">{t('librarySortNewest')}</option>
        <option value="oldest">{t('librarySortOldest')}</option>
        <option value="prompt">{t('librarySortPrompt')}</option>
        <option value="longest">{t('librarySortLongest')}</option>
      </select>
    </fieldset>
  );
}

/** Everything the account holds, merged with this extension's results, and its backup. */
export function LibraryView(props: { db: SoraDb }) {
  const views = useConnections();
  const [picked, setPicked] = useState<string>(SORA_SOURCE_ID);
  // A connection removed meanwhile falls back to the Sora session.
  const connection = listable(views).find((c) => c.id === picked) ?? null;
  const source = connection ? connection.id : SORA_SOURCE_ID;
  const [note, setNote] = useState<string | null>(null);
  const data = useLiveQuery(() => listed(props.db, source), [props.db, source], {
    items: [],
    scans: [],
  } as Listed);
  const [filter, setFilter] = useState<LibraryFilter>(DEFAULT_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [limit, setLimit] = useState(PAGE);
  const shown = filterLibrary(data.items, filter);
  const toggle = (id: string): void => {
    const next = new Set(selected);
    if (!next.delete(id)) next.add(id);
    setSelected(next);
  };
  const allShown = shown.length > 0 && shown.every((i) => selected.has(i.id));
  const pick = (id: string): void => {
    setPicked(id);
    setSelected(new Set());
    setNote(null);
  };
  const refresh = async (): Promise<void> => setNote((await call('libraryRefresh', { source })).error);
  return (
    <section class="library" data-testid="library-view">
      <div class="row">
        <LibrarySourceSelect value={source} views={views} onChange={pick} />
      </div>
      <LibraryAccess connection={connection} />
      {note && <p role="alert">{note}</p>}
      <div class="row">
        <button type="button" data-testid="library-refresh" onClick={() => void refresh()}>
          {t('libraryRefresh')}
        </button>
        <label>
          <input
            type="checkbox"
            data-testid="library-select-all"
            checked={allShown}
            onChange={() => setSelected(allShown ? new Set() : new Set(shown.map((i) => i.id)))}
          />{' '}
          {t('librarySelectAll')}
        </label>
        <span class="muted">{t('libraryCount', String(shown.length), String(selected.size))}</span>
      </div>
      <Filters filter={filter} onChange={setFilter} />
      <ScanStatus scans={data.scans} />
      <BackupPanel db={props.db} source={source} selected={[...selected]} />
      {data.items.length === 0 && (
        <p class="muted">{t(connection ? 'libraryEmptyConnection' : 'libraryEmpty')}</p>
      )}
      <ul class="plain library-list">
        {shown.slice(0, limit).map((item) => (
          <LibraryItem key={item.id} item={item} selected={selected.has(item.id)} onToggle={toggle} />
        ))}
      </ul>
      {shown.length > limit && (
        <button type="button" data-testid="library-more" onClick={() => setLimit(limit + PAGE)}>
          {t('libraryMore', String(shown.length - limit))}
        </button>
      )}
    </section>
  );
}
