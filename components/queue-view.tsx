import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  countQueue,
  matchesQuery,
  pageQueue,
  type QueueQuery,
  searchQueue,
  statusCounts,
} from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import { SCAN_LIMIT } from '@/lib/db/search';
import type { JobRow as Job } from '@/lib/queue/job';
import { DISPLAY_STATUSES, type DisplayStatus } from '@/lib/queue/status';
import { call } from '@/lib/rpc/client';
import { queuePausedItem } from '@/lib/settings/items';
import { t, tn } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { useStorageValue } from '@/lib/ui/storage-value';
import { useVirtualRows } from '@/lib/ui/use-virtual';
import { useWorkspace } from '@/lib/ui/workspace';
import { BulkBar } from './bulk-bar';
import { JobDetails } from './job-details';
import { JobEditor } from './job-editor';
import { JobRow, type RowActions } from './job-row';
import { QueueToolbar } from './queue-toolbar';
import { type UndoOffer, UndoToast } from './undo-toast';
import { backendName, useConnections } from './use-connections';

/** Row height in px (CSS keeps rows exactly this tall plus the gap, so the virtual list never measures). */
export const ROW_HEIGHT = 118;
/** Rows are read in aligned chunks, so scrolling a little does not re-query. */
const CHUNK = 40;
/** States whose start time the row shows (elapsed and time left). */
const RUNNING = new Set(['generating', 'ready', 'downloading']);

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The page's one scroll area: the side panel's workspace (`data-scroll-root`) when the queue sits
 * below a tool, else the queue's own list (the queue rendered alone).
 */
function useScrollRoot(list: { current: HTMLDivElement | null }): {
  root: { readonly current: HTMLElement | null };
  margin: number;
} {
  const root = useMemo(
    () => ({
      get current(): HTMLElement | null {
        return list.current?.closest<HTMLElement>('[data-scroll-root]') ?? list.current;
      },
    }),
    [list],
  );
  const [margin, setMargin] = useState(0);
  // Measured when something in the scroll area changes size (a tool growing, a banner, the queue's
  // header), after the browser's own layout: never a forced layout on each of the many renders.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el || el === list.current) return;
    const measure = (): void => {
      const ul = list.current?.firstElementChild;
      if (!ul) return;
      setMargin(Math.round(ul.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop));
    };
    if (typeof ResizeObserver === 'undefined') return measure();
    const sizes = new ResizeObserver(measure);
    const watch = (): void => {
      sizes.disconnect();
      for (const child of Array.from(el.children)) sizes.observe(child);
    };
    watch();
    // A tool shown or hidden above the queue moves it without resizing anything that is watched.
    const children = new MutationObserver(() => {
      watch();
      measure();
    });
    children.observe(el, { childList: true });
    return () => {
      sizes.disconnect();
      children.disconnect();
    };
  }, [root, list]);
  return { root, margin };
}

/**
 * The queue, read live from IndexedDB: counts through the status index and only the rows in view
 * (a chunk around them), so a progress write re-reads a few rows, never the whole table.
 */
export function QueueView(props: { db: SoraDb }) {
  const { db } = props;
  const ws = useWorkspace();
  const connections = useConnections();
  const [query, setQuery] = useState<QueueQuery>({ filter: 'all', search: '', order: 'newest' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<Job | null>(null);
  const [details, setDetails] = useState<Job | null>(null);
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const queuePaused = useStorageValue(queuePausedItem);
  const focus = ws.queueFocus.value;
  useEffect(() => {
    if (focus === null) return;
    if ((DISPLAY_STATUSES as readonly string[]).includes(focus))
      setQuery((q) => ({ ...q, filter: focus as DisplayStatus, search: '' }));
    ws.queueFocus.value = null;
  }, [focus]);
  const scroller = useRef<HTMLDivElement>(null);
  const { root, margin } = useScrollRoot(scroller);
  const now = useNow(1000);
  const counts = useLiveQuery(() => statusCounts(db), [db], null);
  const deps = [db, query.filter, query.search, query.order, query.hideFinished];
  // A search is read once through the words index; its matches give the total and the rows.
  const searching = query.search.trim() !== '';
  const hits = useLiveQuery(async () => (searching ? searchQueue(db, query) : null), deps, null);
  const counted = useLiveQuery(async () => (searching ? 0 : countQueue(db, query)), deps, 0);
  const total = hits ? hits.jobs.length : counted;
  // A search whose every word is common looks at the newest jobs only, and says so.
  const limited = hits?.limited === true;
  const virtual = useVirtualRows(root, total, ROW_HEIGHT, 8, margin);
  const first = virtual.items[0]?.index ?? 0;
  const last = virtual.items[virtual.items.length - 1]?.index ?? 0;
  const from = Math.floor(first / CHUNK) * CHUNK;
  const to = (Math.floor(last / CHUNK) + 1) * CHUNK;
  const rows = useLiveQuery(
    async () => {
      if (searching && !hits) return { from, jobs: [], thumbs: new Map(), started: new Map() };
      const jobs = hits ? hits.jobs.slice(from, to) : await pageQueue(db, query, from, to - from);
      const done = jobs.filter((j) => j.status === 'completed').map((j) => j.id);
      const results = done.length > 0 ? await db.results.bulkGet(done) : [];
      const thumbs = new Map(results.flatMap((r) => (r?.thumbnail ? [[r.jobId, r.thumbnail] as const] : [])));
      // Elapsed time: the last move into `generating` of each running row in view (a few events each).
      const started = new Map<string, number>();
      for (const job of jobs.filter((j) => RUNNING.has(j.status))) {
        const events = await db.events.where('jobId').equals(job.id).toArray();
        const start = events.filter((e) => e.status === 'generating').at(-1)?.at;
        if (start !== undefined) started.set(job.id, start);
      }
      return { from, jobs, thumbs, started };
    },
    [...deps, from, to, hits],
    { from: 0, jobs: [] as Job[], thumbs: new Map<string, Blob>(), started: new Map<string, number>() },
  );

  // A selection only holds what the search and filter show: anything else is dropped from it.
  const ids = [...selected];
  const visibleSelected = useLiveQuery(
    async () =>
      ids.length === 0
        ? ids
        : (await db.jobs.bulkGet(ids)).flatMap((j) => (j && matchesQuery(j, query) ? [j.id] : [])),
    [...deps, ids.join(',')],
    ids,
  );
  useEffect(() => {
    if (visibleSelected.length < selected.size) setSelected(new Set(visibleSelected));
  }, [visibleSelected]);

  async function remove(job: Job): Promise<void> {
    setDetails(null);
    const result = await call('bulk', { action: 'remove', ids: [job.id] });
    const token = result.undoToken;
    if (result.changed > 0 && token)
      setOffer({
        message: tn('bulkDoneRemove', result.changed),
        undo: () => void call('undoRemove', { token }),
      });
  }

  const reorderable = query.order === 'queue';
  const actions: RowActions = {
    retry: (id) => void call('retry', { ids: [id] }),
    cancel: (id) => void call('cancel', { ids: [id] }),
    edit: setEditing,
    details: setDetails,
    select: (id, on) =>
      setSelected((current) => {
        const next = new Set(current);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    dropBefore: (dragged, before) => void call('reorder', { id: dragged, beforeId: before }),
    nudge: (job, direction) => {
      const index = rows.jobs.findIndex((j) => j.id === job.id);
      const target = rows.jobs[index + (direction < 0 ? -1 : 2)];
      void call('reorder', { id: job.id, beforeId: target?.id ?? null });
    },
  };

  return (
    <section class="queue" aria-label={t('queueTitle')}>
      <QueueToolbar query={query} counts={counts} onQuery={setQuery} paused={queuePaused} />
      <BulkBar db={db} query={query} selected={selected} onSelected={setSelected} total={total} />
      <UndoToast offer={offer} onDone={() => setOffer(null)} />
      {counts?.total === 0 ? (
        <p class="muted" data-testid="queue-empty">
          {t('queueEmpty')}
        </p>
      ) : null}
      {limited && (
        <p class="muted" role="status" data-testid="queue-search-limited">
          {t('searchLimited', SCAN_LIMIT.toLocaleString())}
        </p>
      )}
      <div class="queue-scroll" ref={scroller} data-testid="queue-list">
        <ul class="jobs" style={{ height: `${virtual.totalSize}px` }}>
          {virtual.items.map((item) => {
            const job = rows.jobs[item.index - rows.from];
            if (!job) return null;
            return (
              <li key={job.id} class="job-slot" style={{ transform: `translateY(${item.start - margin}px)` }}>
                <JobRow
                  job={job}
                  now={now}
                  selected={selected.has(job.id)}
                  thumbnail={rows.thumbs.get(job.id)}
                  actions={actions}
                  reorderable={reorderable}
                  context={{
                    startedAt: rows.started.get(job.id) ?? null,
                    queuePaused,
                    backendName: backendName(job.backendId, connections.list),
                  }}
                />
              </li>
            );
          })}
        </ul>
      </div>
      {editing && <JobEditor job={editing} plan={ws.plan.value} onClose={() => setEditing(null)} />}
      {details && (
        <JobDetails
          db={db}
          job={details}
          onClose={() => setDetails(null)}
          onEdit={(job) => {
            setDetails(null);
            setEditing(job);
          }}
          onRemove={(job) => void remove(job)}
        />
      )}
    </section>
  );
}
