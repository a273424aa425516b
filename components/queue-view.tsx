import { useEffect, useRef, useState } from 'preact/hooks';
import { countQueue, pageQueue, type QueueQuery, statusCounts } from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import type { JobRow as Job } from '@/lib/queue/job';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { useVirtualRows } from '@/lib/ui/use-virtual';
import { useWorkspace } from '@/lib/ui/workspace';
import { BulkBar } from './bulk-bar';
import { JobEditor } from './job-editor';
import { JobRow, type RowActions } from './job-row';
import { QueueToolbar } from './queue-toolbar';

/** Row height in px (CSS keeps rows exactly this tall, so the virtual list never measures). */
export const ROW_HEIGHT = 92;
/** Rows are read in aligned chunks, so scrolling a little does not re-query. */
const CHUNK = 40;

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * The queue, read live from IndexedDB: counts through the status index and only the rows in view
 * (a chunk around them), so a progress write re-reads a few rows, never the whole table.
 */
export function QueueView(props: { db: SoraDb }) {
  const { db } = props;
  const ws = useWorkspace();
  const [query, setQuery] = useState<QueueQuery>({ filter: 'all', search: '' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<Job | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const now = useNow(1000);
  const counts = useLiveQuery(() => statusCounts(db), [db], null);
  const total = useLiveQuery(() => countQueue(db, query), [db, query.filter, query.search], 0);
  const virtual = useVirtualRows(scroller, total, ROW_HEIGHT);
  const first = virtual.items[0]?.index ?? 0;
  const last = virtual.items[virtual.items.length - 1]?.index ?? 0;
  const from = Math.floor(first / CHUNK) * CHUNK;
  const to = (Math.floor(last / CHUNK) + 1) * CHUNK;
  const rows = useLiveQuery(
    async () => {
      const jobs = await pageQueue(db, query, from, to - from);
      const done = jobs.filter((j) => j.status === 'completed').map((j) => j.id);
      const results = done.length > 0 ? await db.results.bulkGet(done) : [];
      const thumbs = new Map(results.flatMap((r) => (r?.thumbnail ? [[r.jobId, r.thumbnail] as const] : [])));
      return { from, jobs, thumbs };
    },
    [db, query.filter, query.search, from, to],
    { from: 0, jobs: [] as Job[], thumbs: new Map<string, Blob>() },
  );

  const actions: RowActions = {
    retry: (id) => void call('retry', { ids: [id] }),
    cancel: (id) => void call('cancel', { ids: [id] }),
    edit: setEditing,
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
      <QueueToolbar query={query} counts={counts} onQuery={setQuery} />
      <BulkBar db={db} query={query} selected={selected} onSelected={setSelected} total={total} />
      {counts?.total === 0 ? (
        <p class="muted" data-testid="queue-empty">
          {t('queueEmpty')}
        </p>
      ) : null}
      <div class="queue-scroll" ref={scroller} data-testid="queue-list">
        <ul class="jobs" style={{ height: `${virtual.totalSize}px` }}>
          {virtual.items.map((item) => {
            const job = rows.jobs[item.index - rows.from];
            if (!job) return null;
            return (
              <li key={job.id} class="job-slot" style={{ transform: `translateY(${item.start}px)` }}>
                <JobRow
                  job={job}
                  now={now}
                  selected={selected.has(job.id)}
                  thumbnail={rows.thumbs.get(job.id)}
                  actions={actions}
                />
              </li>
            );
          })}
        </ul>
      </div>
      {editing && <JobEditor job={editing} plan={ws.plan.value} onClose={() => setEditing(null)} />}
    </section>
  );
}
