import { countdown } from '@/lib/ui/format';
import { t, tn } from '@/lib/ui/i18n';
import { errorText } from '@/lib/ui/messages';
import { planQuota } from '@/lib/ui/quota-plan';

/** One rejected row: its line in the file (a CSV header is line 1), the reason and a clip of its text. */
export interface ReportRow {
  line: number;
  reason: string;
  raw: string;
  /** The error code behind the reason (rendered in the user's language). */
  code?: string;
}

/** What an import will do (preview) or did (done): the job count and every rejected row. */
export interface Report {
  phase: 'preview' | 'done';
  source: string;
  jobs: number;
  rejected: ReportRow[];
  warnings: { line: number; message: string }[];
  /** Preview only: each job's model, for the quota plan. */
  models?: string[];
  /** Preview only: jobs whose mode the queue cannot run yet (they are reported with lines on confirm). */
}

/** Today's quota as the account bar knows it (null: unknown, e.g. signed out). */
export interface QuotaNow {
  remaining: number | null;
  resetsAt: number | null;
}

/** How many generations the batch uses against what is left today, and which jobs wait for the reset. */
function QuotaLine(props: { models: string[]; quota: QuotaNow | null }) {
  const plan = planQuota(props.models, props.quota?.remaining ?? null);
  if (plan.uses === 0) return null;
  const reset = props.quota?.resetsAt ? countdown(props.quota.resetsAt, Date.now()) : '—';
  return (
    <p data-testid="quota-plan" class={plan.waiting > 0 ? 'error' : 'muted'} data-uses={plan.uses}>
      {plan.left === null
        ? tn('quotaPlanUnknown', plan.uses)
        : plan.waiting > 0
          ? tn(
              'quotaPlanWaits',
              plan.waiting,
              String(plan.uses),
              String(plan.left),
              String(plan.firstWaiting),
              reset,
            )
          : tn('quotaPlanFits', plan.uses, String(plan.left))}
    </p>
  );
}

/** The import report: counts first, then each rejected row with its line number and reason. */
export function ImportReport(props: { report: Report; quota?: QuotaNow | null }) {
  const { report } = props;
  const headline =
    report.phase === 'preview'
      ? t('reportPreview', String(report.jobs), report.source)
      : t('reportDone', String(report.jobs), report.source);
  return (
    <section data-testid="import-report" data-phase={report.phase} class="report" aria-live="polite">
      <p>
        <strong data-testid="report-count" data-value={report.jobs}>
          {headline}
        </strong>
      </p>
      {report.phase === 'preview' && report.models && (
        <QuotaLine models={report.models} quota={props.quota ?? null} />
      )}
      {report.rejected.length > 0 && (
        <>
          <p class="error">{t('reportRejected', String(report.rejected.length))}</p>
          <ul class="rejected">
            {report.rejected.map((row, i) => (
              <li key={i} data-testid="report-rejected" data-line={row.line}>
                <span class="badge">{row.line > 0 ? t('reportLine', String(row.line)) : '—'}</span>{' '}
                {row.code ? errorText({ code: row.code, message: row.reason }) : row.reason}
                {row.raw && <code class="raw">{row.raw}</code>}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <details>
          <summary>{t('reportWarnings', String(report.warnings.length))}</summary>
          <ul>
            {report.warnings.map((w, i) => (
              <li key={i}>
                {t('reportLine', String(w.line))}: {w.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
