import { useState } from 'preact/hooks';
import type { SoraDb } from '@/lib/db/schema';
import type { JobRow as Job } from '@/lib/queue/job';
import { DISPLAY_STATUSES, type DisplayStatus, displayStatus } from '@/lib/queue/status';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';
import { STATUS_LABEL } from '@/lib/ui/status-label';
import { JobRow } from './job-row';

function matches(job: Job, filter: DisplayStatus | 'all', search: string): boolean {
  if (filter !== 'all' && displayStatus(job.status) !== filter) return false;
  return search === '' || job.input.text.toLowerCase().includes(search.toLowerCase());
}

/** The job list, read live from IndexedDB, with pause/resume, a status filter and search. */
export function QueueView(props: { db: SoraDb }) {
  const [filter, setFilter] = useState<DisplayStatus | 'all'>('all');
  const [search, setSearch] = useState('');
  const jobs = useLiveQuery(() => props.db.jobs.orderBy('seq').toArray(), [props.db], [] as Job[]);
  const visible = jobs.filter((job) => matches(job, filter, search));
  return (
    <section class="queue" aria-label={t('queueTitle')}>
      <div class="row controls">
        <button data-testid="queue-pause" type="button" onClick={() => void call('pauseAll', {})}>
          {t('pauseAll')}
        </button>
        <button data-testid="queue-resume" type="button" onClick={() => void call('resumeAll', {})}>
          {t('resumeAll')}
        </button>
        <label class="sr-only" for="queue-filter">
          {t('filterLabel')}
        </label>
        <select
          id="queue-filter"
          data-testid="queue-filter"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value as DisplayStatus | 'all')}
        >
          <option value="all">{t('filterAll')}</option>
          {DISPLAY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(STATUS_LABEL[status])}
            </option>
          ))}
        </select>
        <input
          data-testid="queue-search"
          type="search"
          aria-label={t('searchPlaceholder')}
          placeholder={t('searchPlaceholder')}
          value={search}
          onInput={(e) => setSearch(e.currentTarget.value)}
        />
      </div>
      {jobs.length === 0 ? <p class="muted">{t('queueEmpty')}</p> : null}
      <ul class="jobs">
        {visible.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}
