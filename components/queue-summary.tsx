import { QueueSummarySchema } from '@/lib/queue/summary';
import { summaryItem } from '@/lib/settings/items';
import { t } from '@/lib/ui/i18n';
import { STATUS_LABEL } from '@/lib/ui/status-label';
import { useStorageValue } from '@/lib/ui/storage-value';

const SHOWN = ['queued', 'generating', 'downloading', 'done', 'failed', 'waiting-login'] as const;

/** Counts by status and the running jobs' progress (zeros until the background publishes). */
export function QueueSummary() {
  const stored = useStorageValue(summaryItem);
  const parsed = QueueSummarySchema.safeParse(stored);
  const summary = parsed.success ? parsed.data : null;
  return (
    <section aria-label={t('summaryTitle')}>
      <dl data-testid="queue-summary" class="summary">
        {SHOWN.map((status) => (
          <div key={status} data-status={status}>
            <dt>{t(STATUS_LABEL[status])}</dt>
            <dd>{summary?.counts[status] ?? 0}</dd>
          </div>
        ))}
      </dl>
      {summary?.running.map((job) => (
        <div key={job.id} class="field">
          <span class="job-prompt">{job.prompt}</span>
          <progress value={job.progress} max={100} aria-label={`${job.progress}%`} />
        </div>
      ))}
    </section>
  );
}
