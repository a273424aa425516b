import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { recentLogs, statusCounts } from '@/lib/db/queries';
import type { SoraDb } from '@/lib/db/schema';
import { diagnosticsText } from '@/lib/ui/diagnostics';
import { t } from '@/lib/ui/i18n';
import { useLiveQuery } from '@/lib/ui/live-query';

const SHOWN = 200;
const time = (at: number): string => new Date(at).toLocaleTimeString();

/** The masked request log and the job events, newest first, and a "copy diagnostics" export. */
export function LogsView(props: { db: SoraDb }) {
  const logs = useLiveQuery(() => recentLogs(props.db, SHOWN), [props.db], { events: [], requests: [] });
  const [note, setNote] = useState<string | null>(null);

  async function copy(): Promise<void> {
    const counts = await statusCounts(props.db);
    const text = diagnosticsText({
      extension: browser.runtime.getManifest().version,
      userAgent: navigator.userAgent,
      at: new Date().toISOString(),
      counts: { total: counts.total, ...counts.byStatus },
      requests: logs.requests,
      events: logs.events,
    });
    try {
      await navigator.clipboard.writeText(text);
      setNote(t('diagnosticsCopied'));
    } catch {
      // Without clipboard access (e.g. the page lost focus), save the same text as a file.
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
      link.download = 'sora-companion-diagnostics.json';
      link.click();
      setNote(t('diagnosticsSaved'));
    }
  }

  return (
    <section data-testid="logs-view" class="logs" aria-label={t('tabLogs')}>
      <div class="row between">
        <button data-testid="diagnostics-export" type="button" onClick={() => void copy()}>
          {t('copyDiagnostics')}
        </button>
        {note && (
          <span class="muted" role="status">
            {note}
          </span>
        )}
      </div>
      <h2>{t('logsRequests')}</h2>
      <table class="log-table">
        <thead>
          <tr>
            <th scope="col">{t('logsTime')}</th>
            <th scope="col">{t('logsRequest')}</th>
            <th scope="col">{t('logsStatus')}</th>
            <th scope="col">{t('logsMs')}</th>
          </tr>
        </thead>
        <tbody>
          {logs.requests.map((r) => (
            <tr key={r.id} data-testid="log-request" class={r.status >= 400 || r.errorCode ? 'error' : ''}>
              <td>{time(r.at)}</td>
              <td class="url" title={r.url}>
                {r.method} {r.url}
              </td>
              <td>{r.errorCode ?? r.status}</td>
              <td>{Math.round(r.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('logsEvents')}</h2>
      <ul class="events">
        {logs.events.map((e) => (
          <li key={e.id} data-testid="log-event">
            <span class="muted">{time(e.at)}</span> <code>{e.jobId.slice(0, 8)}</code> {e.type} → {e.status}
            {e.detail ? <span class="error"> {e.detail}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
