import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SoraDb } from '@/lib/db/schema';
import type { JobRow as Job } from '@/lib/queue/job';
import { displayStatus } from '@/lib/queue/status';
import { call } from '@/lib/rpc/client';
import { jobTime } from '@/lib/ui/format';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { errorText, jobErrorText } from '@/lib/ui/messages';
import { STATUS_LABEL } from '@/lib/ui/status-label';

/** Long values (data URLs of attached images) are clipped: the details show what was sent, not the bytes. */
function requestText(job: Job): string {
  return JSON.stringify(
    job.request,
    (_key, value: unknown) =>
      typeof value === 'string' && value.length > 200 ? `${value.slice(0, 80)}… (${value.length})` : value,
    2,
  );
}

/**
 * One job's menu and details: open, show in folder, download again, retry with edits, copy the
 * prompt, remove; then every event, the request sent and the files.
 */
export function JobDetails(props: {
  db: SoraDb;
  job: Job;
  onClose: () => void;
  onEdit: (job: Job) => void;
  onRemove: (job: Job) => void;
}) {
  const { db } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState<string | null>(null);
  const data = useLiveQuery(
    async () => {
      const [job, events, result] = await Promise.all([
        db.jobs.get(props.job.id),
        db.events.where('jobId').equals(props.job.id).toArray(),
        db.results.get(props.job.id),
      ]);
      return { job: job ?? props.job, events, result: result ?? null };
    },
    [db, props.job.id],
    { job: props.job, events: [], result: null },
  );
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal?.();
  }, []);
  const job = data.job;
  const status = displayStatus(job.status);
  const finished = status === 'done' || status === 'failed' || status === 'canceled';
  const downloadId = job.download?.downloadId ?? data.result?.downloadId ?? null;
  const fail = (e: unknown): void =>
    setNote(e && typeof e === 'object' && 'code' in e ? errorText(e as never) : String(e));

  const actions = [
    {
      id: 'open',
      show: status === 'done' && job.generationId !== null,
      run: () =>
        void call('mediaLink', { id: job.id }).then(
          ({ url }) => void window.open(url, '_blank', 'noopener'),
          fail,
        ),
    },
    {
      id: 'show',
      show: downloadId !== null,
      run: () => void Promise.resolve(browser.downloads.show(downloadId!)).catch(fail),
    },
    {
      id: 'redownload',
      show: status === 'done' && job.generationId !== null,
      run: () => void call('redownload', { id: job.id }).then(() => setNote(t('redownloadStarted')), fail),
    },
    { id: 'edit', show: finished || job.taskId === null, run: () => props.onEdit(job) },
    {
      id: 'copy',
      show: true,
      run: () =>
        void navigator.clipboard.writeText(job.input.text).then(() => setNote(t('promptCopied')), fail),
    },
    { id: 'remove', show: finished, run: () => props.onRemove(job) },
  ] as const;
  const LABEL = {
    open: 'actionOpen',
    show: 'actionShowInFolder',
    redownload: 'actionDownloadAgain',
    edit: 'actionRetryWithEdits',
    copy: 'actionCopyPrompt',
    remove: 'actionRemove',
  } as const;

  return (
    <dialog
      ref={dialog}
      class="editor details"
      data-testid="job-details"
      aria-labelledby="job-details-title"
      onClose={props.onClose}
    >
      <h2 id="job-details-title">{t('jobDetails')}</h2>
      <p class="details-prompt">{job.input.text}</p>
      <p class="muted">
        {t(STATUS_LABEL[status])} · {job.input.model} · {jobTime(job.createdAt, Date.now())}
      </p>
      {job.error && <p class="error">{jobErrorText(job.error)}</p>}
      <div class="row wrap" role="menu">
        {actions
          .filter((a) => a.show)
          .map((a) => (
            <button
              key={a.id}
              type="button"
              role="menuitem"
              data-testid={`job-action-${a.id}`}
              onClick={a.run}
            >
              {t(LABEL[a.id])}
            </button>
          ))}
      </div>
      {note && (
        <p class="notice" role="status">
          {note}
        </p>
      )}
      <details>
        <summary>{t('detailsEvents', String(data.events.length))}</summary>
        <ol class="events" data-testid="job-events">
          {data.events.map((e) => (
            <li key={e.id ?? `${e.at}-${e.type}`}>
              <time dateTime={new Date(e.at).toISOString()}>{new Date(e.at).toLocaleTimeString()}</time>{' '}
              {e.type} → {e.status}
              {e.detail ? `: ${e.detail}` : ''}
            </li>
          ))}
        </ol>
      </details>
      <details>
        <summary>{t('detailsRequest')}</summary>
        <pre data-testid="job-request">{requestText(job)}</pre>
      </details>
      <details open={status === 'done'}>
        <summary>{t('detailsFiles')}</summary>
        <ul data-testid="job-files">
          {job.download?.fileName ? (
            <li>{job.download.fileName}</li>
          ) : (
            <li class="muted">{t('detailsNoFiles')}</li>
          )}
        </ul>
      </details>
      <div class="row between">
        <span />
        <button type="button" data-testid="job-details-close" onClick={props.onClose}>
          {t('dismiss')}
        </button>
      </div>
    </dialog>
  );
}
