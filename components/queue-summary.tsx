import { DISPLAY_STATUSES, type DisplayStatus } from '@/lib/queue/status';
import { QueueSummarySchema } from '@/lib/queue/summary';
import { summaryItem } from '@/lib/settings/items';
import { t } from '@/lib/ui/i18n';
import { STATUS_LABEL } from '@/lib/ui/status-label';
import { useStorageValue } from '@/lib/ui/storage-value';

/** Statuses that need the user (or wait for something): their counts open the queue filtered to them. */
const WAITING: ReadonlySet<DisplayStatus> = new Set([
  'queued',
  'paused',
  'waiting-login',
  'waiting-limit',
  'waiting-permission',
  'failed',
]);

/** Counts for every status and the running jobs' progress (zeros until the background publishes). */
export function QueueSummary(props: { onOpen?: (status: DisplayStatus) => void }) {
  const stored = useStorageValue(summaryItem);
  const parsed = QueueSummarySchema.safeParse(stored);
  const summary = parsed.success ? parsed.data : null;
  return (
    <section aria-label={t('summaryTitle')}>
      <dl data-testid="queue-summary" class="summary">
        {DISPLAY_STATUSES.map((status) => {
          const n = summary?.counts[status] ?? 0;
          return (
            <div key={status} data-status={status} class={n > 0 ? 'has' : 'none'}>
              <dt>{t(STATUS_LABEL[status])}</dt>
              <dd>
                {props.onOpen && WAITING.has(status) && n > 0 ? (
                  <button
                    type="button"
                    class="link"
                    data-testid={`summary-open-${status}`}
                    aria-label={t('summaryOpen', String(n), t(STATUS_LABEL[status]))}
                    onClick={() => props.onOpen?.(status)}
                  >
                    {n}
                  </button>
                ) : (
                  n
                )}
              </dd>
            </div>
          );
        })}
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
