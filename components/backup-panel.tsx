import { useState } from 'preact/hooks';
import type { SoraDb } from '@/lib/db/schema';
import { backupProgress, formatBytes } from '@/lib/library/progress';
import type { BackupItemRow, BackupLayout, BackupRunRow } from '@/lib/library/rows';
import { call } from '@/lib/rpc/client';
import { countdown } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';

interface RunView {
  run: BackupRunRow | null;
  done: number;
  failed: number;
  total: number;
  failures: BackupItemRow[];
}

async function latestRun(db: SoraDb): Promise<RunView> {
  const run = (await db.backupRuns.orderBy('createdAt').last()) ?? null;
  if (!run) return { run, done: 0, failed: 0, total: 0, failures: [] };
  const count = (state: BackupItemRow['state']) =>
    db.backupItems.where('[runId+state]').equals([run.id, state]).count();
  const failures = await db.backupItems
    .where('[runId+state]')
    .anyOf([run.id, 'failed'], [run.id, 'gone'])
    .limit(200)
    .toArray();
  const [done, failed, gone, total] = await Promise.all([
    count('done'),
    count('failed'),
    count('gone'),
    db.backupItems.where('runId').equals(run.id).count(),
  ]);
  return { run, done, failed: failed + gone, total, failures };
}

const STATE_LABEL = {
  listing: 'backupStateListing',
  running: 'backupStateRunning',
  paused: 'backupStatePaused',
  done: 'backupStateDone',
  canceled: 'backupStateCanceled',
} as const;

/** `data-state` of the contract: a listing backup is running, a canceled one is over. */
const contractState = (run: BackupRunRow | null): string =>
  !run ? 'done' : run.state === 'listing' ? 'running' : run.state === 'canceled' ? 'done' : run.state;

function Progress(props: { view: RunView }) {
  const { run, done, failed, total } = props.view;
  const p = run ? backupProgress(run, { done, failed, total }) : null;
  return (
    <div
      data-testid="backup-progress"
      data-done={done}
      data-failed={failed}
      data-total={total}
      data-state={contractState(run)}
      aria-live="polite"
    >
      {!run && <p class="muted">{t('backupNone')}</p>}
      {run && p && (
        <>
          <p>
            <strong>{t(STATE_LABEL[run.state])}</strong>{' '}
            {t('backupCounts', String(done), String(total), String(failed))}
          </p>
          <progress max={Math.max(1, total)} value={done + failed} />
          <p class="muted">
            {t(
              'backupStats',
              formatBytes(p.bytes),
              p.speed === null ? '—' : formatBytes(p.speed),
              p.leftMs === null ? '—' : countdown(Date.now() + p.leftMs, Date.now()),
            )}
          </p>
          {run.skipped > 0 && <p class="muted">{t('backupSkipped', String(run.skipped))}</p>}
          {run.message && <p role="status">{run.message}</p>}
        </>
      )}
    </div>
  );
}

/** Backup controls, progress, and the items that could not be saved (each with a retry). */
export function BackupPanel(props: { db: SoraDb; source: string; selected: readonly string[] }) {
  const view = useLiveQuery(() => latestRun(props.db), [props.db], {
    run: null,
    done: 0,
    failed: 0,
    total: 0,
    failures: [],
  } as RunView);
  const [layout, setLayout] = useState<BackupLayout>('date');
  const [pace, setPace] = useState<'polite' | 'fast'>('polite');
  const [note, setNote] = useState<string | null>(null);
  const state = view.run?.state;
  const start = async (): Promise<void> => {
    const r = await call('backupStart', {
      source: props.source,
      layout,
      pace,
      itemIds: [...props.selected],
    });
    setNote(r.error);
  };
  const n = props.selected.length;
  return (
    <section class="backup" aria-label={t('backupStartAll')}>
      <div class="row">
        <label>
          {t('backupLayout')}{' '}
          <select
            data-testid="backup-layout"
            value={layout}
            onChange={(e) => setLayout(e.currentTarget.value as BackupLayout)}
          >
            <option value="date">{t('backupLayoutDate')}</option>
            <option value="kind">{t('backupLayoutKind')}</option>
          </select>
        </label>
        <label>
          {t('backupPace')}{' '}
          <select
            data-testid="backup-pace"
            value={pace}
            onChange={(e) => setPace(e.currentTarget.value as 'polite' | 'fast')}
          >
            <option value="polite">{t('backupPacePolite')}</option>
            <option value="fast">{t('backupPaceFast')}</option>
          </select>
        </label>
      </div>
      <div class="row">
        <button type="button" data-testid="backup-start" onClick={() => void start()}>
          {n > 0 ? t('backupStartSelected', String(n)) : t('backupStartAll')}
        </button>
        <button
          type="button"
          data-testid="backup-pause"
          disabled={state !== 'running' && state !== 'listing'}
          onClick={() => void call('backupPause', {})}
        >
          {t('backupPause')}
        </button>
        <button
          type="button"
          data-testid="backup-resume"
          disabled={state !== 'paused'}
          onClick={() => void call('backupResume', {})}
        >
          {t('backupResume')}
        </button>
        <button
          type="button"
          data-testid="backup-cancel"
          disabled={state !== 'running' && state !== 'listing' && state !== 'paused'}
          onClick={() => void call('backupCancel', {})}
        >
          {t('backupCancel')}
        </button>
      </div>
      <p class="muted">{t('backupFolderNote')}</p>
      {note && <p role="alert">{note}</p>}
      <Progress view={view} />
      {view.failures.length > 0 && (
        <>
          <h2>{t('backupFailures')}</h2>
          <ul class="plain">
            {view.failures.map((f) => (
              <li key={f.id} data-testid="backup-failure" data-item-id={f.itemId}>
                <span>
                  {f.itemId}: {f.reason}
                </span>{' '}
                <button
                  type="button"
                  data-testid="backup-retry"
                  onClick={() => void call('backupRetry', { itemIds: [f.itemId] })}
                >
                  {t('backupRetry')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
