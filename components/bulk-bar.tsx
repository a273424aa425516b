import { useState } from 'preact/hooks';
import { pageQueue, type QueueQuery } from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';

type Action = 'cancel' | 'retry' | 'pause' | 'resume' | 'remove' | 'first';
const ACTIONS: {
  action: Action;
  label: 'bulkCancel' | 'bulkRetry' | 'bulkPause' | 'bulkResume' | 'bulkRemove' | 'bulkFirst';
}[] = [
  { action: 'first', label: 'bulkFirst' },
  { action: 'retry', label: 'bulkRetry' },
  { action: 'pause', label: 'bulkPause' },
  { action: 'resume', label: 'bulkResume' },
  { action: 'cancel', label: 'bulkCancel' },
  { action: 'remove', label: 'bulkRemove' },
];
/** The RPC takes at most this many ids per call. */
const MAX_IDS = 10_000;

/** Select every job the filter matches, then retry, pause, resume, cancel or remove them at once. */
export function BulkBar(props: {
  db: SoraDb;
  query: QueueQuery;
  total: number;
  selected: ReadonlySet<string>;
  onSelected: (ids: ReadonlySet<string>) => void;
}) {
  const [note, setNote] = useState<string | null>(null);
  const ids = [...props.selected];

  async function selectAll(): Promise<void> {
    const jobs = await pageQueue(props.db, props.query, 0, props.total);
    props.onSelected(new Set(jobs.map((j) => j.id)));
  }

  async function run(action: Action): Promise<void> {
    let changed = 0;
    for (let i = 0; i < ids.length; i += MAX_IDS)
      changed += (await call('bulk', { action, ids: ids.slice(i, i + MAX_IDS) })).changed;
    setNote(t('bulkDone', String(changed)));
    props.onSelected(new Set());
  }

  return (
    <div class="row bulk" data-testid="bulk-bar">
      <label class="row">
        <input
          type="checkbox"
          data-testid="select-all"
          checked={ids.length > 0 && ids.length >= props.total}
          onChange={(e) => (e.currentTarget.checked ? void selectAll() : props.onSelected(new Set()))}
        />
        <span>
          {ids.length > 0 ? t('selectedCount', String(ids.length)) : t('selectAll', String(props.total))}
        </span>
      </label>
      {ids.length > 0 &&
        ACTIONS.map(({ action, label }) => (
          <button key={action} type="button" data-testid={`bulk-${action}`} onClick={() => void run(action)}>
            {t(label)}
          </button>
        ))}
      {note && (
        <span class="muted" role="status">
          {note}
        </span>
      )}
    </div>
  );
}
