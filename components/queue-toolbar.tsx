import type { QueueQuery } from '@/lib/db/queries';
import { DISPLAY_STATUSES, type DisplayStatus } from '@/lib/queue/status';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { STATUS_LABEL } from '@/lib/ui/status-label';

/** Pause/resume the queue, the status filter (with counts), the prompt search, order and "hide finished". */
export function QueueToolbar(props: {
  query: QueueQuery;
  counts: { total: number; byStatus: Record<DisplayStatus, number> } | null;
  onQuery: (query: QueueQuery) => void;
  /** The queue-level pause is on. */
  paused?: boolean;
}) {
  const { query, counts } = props;
  const count = (n: number | undefined): string => (counts ? ` (${n ?? 0})` : '');
  return (
    <div class="queue-controls">
      {props.paused && (
        <p class="notice" role="status" data-testid="queue-paused">
          {t('queuePausedNotice')}
        </p>
      )}
      <div class="row controls">
        <button data-testid="queue-pause" type="button" onClick={() => void call('pauseAll', {})}>
          {t('pauseAll')}
        </button>
        <button data-testid="queue-resume" type="button" onClick={() => void call('resumeAll', {})}>
          {t('resumeAll')}
        </button>
        <select
          data-testid="queue-filter"
          aria-label={t('filterLabel')}
          value={query.filter}
          onChange={(e) =>
            props.onQuery({ ...query, filter: e.currentTarget.value as DisplayStatus | 'all' })
          }
        >
          <option value="all">
            {t('filterAll')}
            {count(counts?.total)}
          </option>
          {DISPLAY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(STATUS_LABEL[status])}
              {count(counts?.byStatus[status])}
            </option>
          ))}
        </select>
        <input
          class="grow"
          data-testid="queue-search"
          type="search"
          aria-label={t('searchPlaceholder')}
          placeholder={t('searchPlaceholder')}
          value={query.search}
          onInput={(e) => props.onQuery({ ...query, search: e.currentTarget.value })}
        />
      </div>
      <div class="row controls">
        <select
          data-testid="queue-order"
          aria-label={t('orderLabel')}
          value={query.order ?? 'queue'}
          onChange={(e) => props.onQuery({ ...query, order: e.currentTarget.value as 'newest' | 'queue' })}
        >
          <option value="newest">{t('orderNewest')}</option>
          <option value="queue">{t('orderQueue')}</option>
        </select>
        <label class="check">
          <input
            type="checkbox"
            data-testid="queue-hide-finished"
            checked={query.hideFinished === true}
            onChange={(e) => props.onQuery({ ...query, hideFinished: e.currentTarget.checked })}
          />
          <span>{t('hideFinished')}</span>
        </label>
      </div>
    </div>
  );
}
