import { useEffect, useState } from 'preact/hooks';
import type { JobRow as Job } from '@/lib/queue/job';
import { displayStatus } from '@/lib/queue/status';
import { countdown, jobTime } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { STATUS_LABEL } from '@/lib/ui/status-label';
import { JobNote } from './job-note';

/** What a row can ask for; the queue view turns these into RPC calls. */
export interface RowActions {
  retry: (id: string) => void;
  cancel: (id: string) => void;
  edit: (job: Job) => void;
  select: (id: string, selected: boolean) => void;
  /** Drop the dragged job just before this one. */
  dropBefore: (draggedId: string, beforeId: string) => void;
  /** Keyboard reorder: -1 up, +1 down. */
  nudge: (job: Job, direction: -1 | 1) => void;
}

const UNFINISHED = new Set(['queued', 'paused', 'waiting-limit', 'waiting-login', 'failed', 'canceled']);

function Thumbnail(props: { blob: Blob | null | undefined; status: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!props.blob) return setUrl(null);
    const objectUrl = URL.createObjectURL(props.blob);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [props.blob]);
  return url ? (
    <img class="thumb" src={url} alt="" data-testid="job-thumbnail" />
  ) : (
    <span class={`thumb placeholder ${props.status}`} aria-hidden="true" />
  );
}

/** One job: status, progress, time, thumbnail when done, error in plain words, retry/cancel/edit. */
export function JobRow(props: {
  job: Job;
  now: number;
  selected: boolean;
  thumbnail?: Blob | null;
  actions: RowActions;
}) {
  const { job, actions } = props;
  const status = displayStatus(job.status);
  const canCancel = !['done', 'failed', 'canceled'].includes(status);
  const canRetry = status === 'failed' || status === 'canceled';
  // Before it reaches Sora, or once it ended: "retry with edits" is a new create.
  const canEdit = canRetry || (UNFINISHED.has(status) && job.taskId === null && job.createIntentAt === null);
  const movable = status === 'queued' || status === 'paused';
  const text = job.input.text.trim() || job.input.model;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: drag and Alt+Arrow reorder bubble from the row's own controls
    <div
      data-testid="job-row"
      data-job-id={job.id}
      data-status={status}
      class={`job ${status}${props.selected ? ' selected' : ''}`}
      draggable={movable}
      onDragStart={(e) => e.dataTransfer?.setData('application/x-sora-job', job.id)}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const dragged = e.dataTransfer?.getData('application/x-sora-job');
        if (dragged) actions.dropBefore(dragged, job.id);
      }}
      onKeyDown={(e) => {
        if (movable && e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
          e.preventDefault();
          actions.nudge(job, e.key === 'ArrowUp' ? -1 : 1);
        }
      }}
    >
      <input
        type="checkbox"
        class="job-select"
        data-testid="job-select"
        aria-label={t('selectJob', text.slice(0, 60))}
        checked={props.selected}
        onChange={(e) => actions.select(job.id, e.currentTarget.checked)}
      />
      <Thumbnail blob={props.thumbnail} status={status} />
      <div class="job-body">
        <div class="job-head">
          <span class="job-prompt" title={job.input.text}>
            {text}
          </span>
          <span class="badge">{t(STATUS_LABEL[status])}</span>
        </div>
        <div class="job-meta muted">
          <span>{job.input.model}</span>
          {status === 'waiting-limit' && job.waitUntil ? (
            <span>{t('resetsIn', countdown(job.waitUntil, props.now))}</span>
          ) : (
            <time dateTime={new Date(job.createdAt).toISOString()}>{jobTime(job.createdAt, props.now)}</time>
          )}
        </div>
        <progress
          data-testid="job-progress"
          data-value={job.progress}
          value={job.progress}
          max={100}
          aria-label={t('progressLabel', String(Math.round(job.progress)))}
        />
        <JobNote job={job} />
        {job.error && status === 'failed' && (
          <p data-testid="job-error" class="error" title={job.error.message}>
            {job.error.message}
          </p>
        )}
      </div>
      <div class="job-actions">
        <button
          data-testid="job-retry"
          type="button"
          disabled={!canRetry}
          onClick={() => actions.retry(job.id)}
        >
          {t('retry')}
        </button>
        {canEdit && (
          <button data-testid="job-edit" type="button" onClick={() => actions.edit(job)}>
            {t('edit')}
          </button>
        )}
        <button
          data-testid="job-cancel"
          type="button"
          disabled={!canCancel}
          onClick={() => actions.cancel(job.id)}
        >
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
