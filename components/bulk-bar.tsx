import { useState } from 'preact/hooks';
import { pageQueue, type QueueQuery } from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import { call } from '@/lib/rpc/client';
import { type PluralKey, t, tn } from '@/lib/ui/i18n';
import { ConfirmBar, type ConfirmRequest } from './confirm-bar';
import { type UndoOffer, UndoToast } from './undo-toast';

type Action = 'cancel' | 'retry' | 'pause' | 'resume' | 'remove' | 'first';
const ACTIONS: {
  action: Action;
  label: 'bulkCancel' | 'bulkRetry' | 'bulkPause' | 'bulkResume' | 'bulkRemove' | 'bulkFirst';
  /** What happened, counted ("Canceled 3 jobs"). */
  done: PluralKey;
}[] = [
  { action: 'first', label: 'bulkFirst', done: 'bulkDoneFirst' },
  { action: 'retry', label: 'bulkRetry', done: 'bulkDoneRetry' },
  { action: 'pause', label: 'bulkPause', done: 'bulkDonePause' },
  { action: 'resume', label: 'bulkResume', done: 'bulkDoneResume' },
  { action: 'cancel', label: 'bulkCancel', done: 'bulkDoneCancel' },
  { action: 'remove', label: 'bulkRemove', done: 'bulkDoneRemove' },
];
/** Actions that ask first when they touch more than one job. */
const ASK: ReadonlySet<Action> = new Set(['cancel', 'remove']);
/** The RPC takes at most this many ids per call. */
const MAX_IDS = 10_000;

/**
 * Select every job the filter and search show, then act on them at once. Cancel and remove of more
 * than one job ask first; a remove can be undone for a few seconds.
 */
export function BulkBar(props: {
  db: SoraDb;
  query: QueueQuery;
  total: number;
  selected: ReadonlySet<string>;
  onSelected: (ids: ReadonlySet<string>) => void;
}) {
  const [note, setNote] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [offer, setOffer] = useState<UndoOffer | null>(null);
  const ids = [...props.selected];

  async function selectAll(): Promise<void> {
    const jobs = await pageQueue(props.db, props.query, 0, props.total);
    props.onSelected(new Set(jobs.map((j) => j.id)));
  }

  async function run(action: Action): Promise<void> {
    let changed = 0;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const result = await call('bulk', { action, ids: ids.slice(i, i + MAX_IDS) });
      changed += result.changed;
      if (result.undoToken) tokens.push(result.undoToken);
    }
    const entry = ACTIONS.find((a) => a.action === action)!;
    const skipped = ids.length - changed;
    const message = [tn(entry.done, changed), skipped > 0 ? tn('bulkSkipped', skipped) : '']
      .filter(Boolean)
      .join(' ');
    props.onSelected(new Set());
    if (action === 'remove' && changed > 0) {
      setNote(null);
      setOffer({
        message,
        undo: () => {
          void Promise.all(tokens.map((token) => call('undoRemove', { token }))).then((r) =>
            setNote(
              tn(
                'undoRestored',
                r.reduce((n, x) => n + x.restored, 0),
              ),
            ),
          );
        },
      });
    } else setNote(message);
  }

  function ask(action: Action): void {
    if (!ASK.has(action) || ids.length <= 1) return void run(action);
    setConfirm({
      question: tn(action === 'cancel' ? 'confirmCancelJobs' : 'confirmRemoveJobs', ids.length),
      accept: t(action === 'cancel' ? 'bulkCancel' : 'bulkRemove'),
      onAccept: () => void run(action),
    });
  }

  return (
    <div class="bulk" data-testid="bulk-bar">
      <div class="row">
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
            <button key={action} type="button" data-testid={`bulk-${action}`} onClick={() => ask(action)}>
              {t(label)}
            </button>
          ))}
      </div>
      <ConfirmBar request={confirm} onClose={() => setConfirm(null)} />
      <UndoToast offer={offer} onDone={() => setOffer(null)} />
      {note && (
        <p class="muted" role="status">
          {note}
        </p>
      )}
    </div>
  );
}
