import type { QueueQuery } from '@/lib/db/queries';
import { DISPLAY_STATUSES, type DisplayStatus } from '@/lib/queue/status';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { STATUS_LABEL } from '@/lib/ui/status-label';

/** Pause/resume all, the status filter (with counts) and the prompt search. */
export function QueueToolbar(props: {
  query: QueueQuery;
  counts: { total: number; byStatus: Record<DisplayStatus, number> } | null;
  onQuery: (query: QueueQuery) => void;
}) {
  const { query, counts } = props;
  const count = (n: number | undefined): string => (counts ? ` (${n ?? 0})` : '');
  return (
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
        onChange={(e) => props.onQuery({ ...query, filter: e.currentTarget.value as DisplayStatus | 'all' })}
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
  );
}
