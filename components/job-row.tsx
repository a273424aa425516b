import { useEffect, useState } from 'preact/hooks';
import type { JobRow as Job } from '@/lib/queue/job';
import { type DisplayStatus, displayStatus } from '@/lib/queue/status';
import { countdown, duration, jobTime } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { jobErrorText } from '@/lib/ui/messages';
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
  /** Opens the job's menu and details (events, request, files). */
  details?: (job: Job) => void;
}

/** What the row knows beyond the job itself (read by the queue view for the rows in view). */
export interface RowContext {
  /** When the job started generating (its last `generating` event), for elapsed time and estimate. */
  startedAt?: number | null;
  /** "Pause all" is on: a queued job waits for the queue, not for a slot. */
  queuePaused?: boolean;
  /** The name of the connection that runs it ("Sora" for the session). */
  backendName?: string;
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

/** Why a job is where it is, in plain words (every waiting job says why). */
export function statusReason(job: Job, status: DisplayStatus, now: number, ctx: RowContext): string | null {
  switch (status) {
    case 'queued':
      if (ctx.queuePaused) return t('reasonQueuePaused');
      if (job.nextRunAt > now) return t('reasonRetryIn', countdown(job.nextRunAt, now));
      return t('reasonWaitingSlot');
    case 'paused':
      return t('reasonPaused');
    case 'waiting-login':
      return t('reasonWaitingLogin');
    case 'waiting-limit':
      return job.waitUntil ? t('resetsIn', countdown(job.waitUntil, now)) : t('reasonWaitingLimit');
    case 'waiting-permission':
      return t('reasonWaitingPermission');
    case 'submitting':
      return t('reasonSubmitting');
    case 'downloading':
      return t('reasonDownloading');
    case 'done':
      return job.download?.fileName ?? null;
    default:
      return null;
  }
}

/** "42% · 0:31 · about 0:45 left": elapsed from the start, the rest extrapolated from the backend's progress. */
export function progressText(progress: number, startedAt: number | null | undefined, now: number): string {
  const pct = `${Math.round(progress)}%`;
  if (!startedAt || startedAt > now) return pct;
  const elapsed = now - startedAt;
  const parts = [pct, t('elapsed', duration(elapsed))];
  if (progress >= 5 && progress < 100)
    parts.push(t('timeLeft', duration((elapsed * (100 - progress)) / progress)));
  else if (progress < 100) parts.push(t('estimating'));
  return parts.join(' · ');
}

/**
 * One job at 400 px: the prompt on two lines, its style as a chip, the status with its reason,
 * progress as a percentage with time elapsed and left, the thumbnail when there is one, the
 * actions that apply now, and "⋯" for the rest (details, open, show in folder, copy, remove).
 */
export function JobRow(props: {
  job: Job;
  now: number;
  selected: boolean;
  thumbnail?: Blob | null;
  actions: RowActions;
  context?: RowContext;
  /** Reordering by drag and Alt+Arrow only makes sense in queue order. */
  reorderable?: boolean;
}) {
  const { job, actions } = props;
  const ctx = props.context ?? {};
  const status = displayStatus(job.status);
  const canCancel = !['done', 'failed', 'canceled'].includes(status);
  const canRetry = status === 'failed' || status === 'canceled';
  // Before it reaches Sora, or once it ended: "retry with edits" is a new create.
  const canEdit = canRetry || (UNFINISHED.has(status) && job.taskId === null && job.createIntentAt === null);
  const movable = (status === 'queued' || status === 'paused') && props.reorderable !== false;
  const text = job.input.text.trim() || job.input.model;
  const style = job.request.kind === 'video' ? job.request.styleId : null;
  const reason = statusReason(job, status, props.now, ctx);
  const running = status === 'generating' || status === 'downloading' || status === 'submitting';
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: drag and Alt+Arrow reorder bubble from the row's own controls
    <div
      data-testid="job-row"
      data-job-id={job.id}
      data-status={status}
      data-backend-id={job.backendId}
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
      <div class="job-side">
        <input
          type="checkbox"
          class="job-select"
          data-testid="job-select"
          aria-label={t('selectJob', text.slice(0, 60))}
          checked={props.selected}
          onChange={(e) => actions.select(job.id, e.currentTarget.checked)}
        />
        <Thumbnail blob={props.thumbnail} status={status} />
      </div>
      <div class="job-body">
        <p class="job-prompt" data-testid="job-prompt" title={job.input.text}>
          {text}
        </p>
        <div class="job-meta">
          <span class="badge status" data-testid="job-status">
            {t(STATUS_LABEL[status])}
          </span>
          {style && <span class="chip">{style}</span>}
          <span class="muted" data-testid="job-backend">
            {ctx.backendName ?? t('backendSoraName')}
          </span>
          <span class="muted">{job.input.model}</span>
          <time class="muted" dateTime={new Date(job.createdAt).toISOString()}>
            {jobTime(job.createdAt, props.now)}
          </time>
        </div>
        {status === 'failed' && job.error ? (
          <p data-testid="job-error" class="error" title={jobErrorText(job.error)}>
            {jobErrorText(job.error)}
          </p>
        ) : reason ? (
          <p class="reason muted" data-testid="job-reason">
            {reason}
          </p>
        ) : null}
        <div class={`job-progress-line${running ? '' : ' idle'}`}>
          <progress
            data-testid="job-progress"
            data-value={job.progress}
            value={job.progress}
            max={100}
            aria-label={t('progressLabel', String(Math.round(job.progress)))}
          />
          {running && (
            <span class="muted" data-testid="job-progress-text">
              {progressText(job.progress, ctx.startedAt, props.now)}
            </span>
          )}
        </div>
        <JobNote job={job} />
      </div>
      <div class="job-actions">
        <button
          type="button"
          class="icon"
          data-testid="job-menu"
          aria-label={t('jobMenu')}
          title={t('jobMenu')}
          onClick={() => actions.details?.(job)}
        >
          ⋯
        </button>
        <button
          data-testid="job-retry"
          type="button"
          disabled={!canRetry}
          hidden={!canRetry}
          onClick={() => actions.retry(job.id)}
        >
          {job.error?.code === 'lost_create' ? t('sendAgain') : t('retry')}
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
          hidden={!canCancel}
          onClick={() => actions.cancel(job.id)}
        >
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
