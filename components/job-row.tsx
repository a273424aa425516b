import type { JobRow as Job } from '@/lib/queue/job';
import { displayStatus } from '@/lib/queue/status';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { STATUS_LABEL } from '@/lib/ui/status-label';

function promptOf(job: Job): string {
  return job.input.text.trim() || job.input.model;
}

/** One job: status, progress, error in plain words, retry/cancel. */
export function JobRow(props: { job: Job }) {
  const { job } = props;
  const status = displayStatus(job.status);
  const canCancel = !['done', 'failed', 'canceled'].includes(status);
  const canRetry = status === 'failed' || status === 'canceled';
  return (
    <li data-testid="job-row" data-job-id={job.id} data-status={status} class={`job ${status}`}>
      <div class="job-head">
        <span class="job-prompt" title={job.input.text}>
          {promptOf(job)}
        </span>
        <span class="badge">{t(STATUS_LABEL[status])}</span>
      </div>
      <div class="job-meta muted">
        <span>{job.input.model}</span>
        <time dateTime={new Date(job.createdAt).toISOString()}>
          {new Date(job.createdAt).toLocaleTimeString()}
        </time>
      </div>
      <progress
        data-testid="job-progress"
        data-value={job.progress}
        value={job.progress}
        max={100}
        aria-label={`${job.progress}%`}
      />
      {job.error && status === 'failed' && (
        <p data-testid="job-error" class="error" title={job.error.message}>
          {job.error.message}
        </p>
      )}
      <div class="job-actions">
        <button
          data-testid="job-retry"
          type="button"
          disabled={!canRetry}
          onClick={() => void call('retry', { ids: [job.id] })}
        >
          {t('retry')}
        </button>
        <button
          data-testid="job-cancel"
          type="button"
          disabled={!canCancel}
          onClick={() => void call('cancel', { ids: [job.id] })}
        >
          {t('cancel')}
        </button>
      </div>
    </li>
  );
}
