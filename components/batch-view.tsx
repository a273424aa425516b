import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { parseImport } from '@/lib/prompt/import';
import { parseBatchText } from '@/lib/prompt/import-text';
import { expandTemplate, isTemplate } from '@/lib/prompt/template';
import { call } from '@/lib/rpc/client';
import { DRAFTS, useDraft } from '@/lib/ui/drafts';
import { t, tn } from '@/lib/ui/i18n';
import { useWorkspace } from '@/lib/ui/workspace';
import { EnhanceAll } from './enhance-all';
import { ImportReport, type QuotaNow, type Report } from './import-report';
import { ModelPicker } from './model-picker';

/** Each non-blank line's prompts (templates expanded) with its line number; bad templates are left to the parser. */
function pastedItems(text: string): { line: number; text: string }[] {
  return text.split(/\r\n|\r|\n/).flatMap((raw, i) => {
    if (raw.trim() === '') return [];
    if (!isTemplate(raw)) return [{ line: i + 1, text: raw }];
    try {
      return expandTemplate(raw).map((p) => ({ line: i + 1, text: p }));
    } catch {
      return [{ line: i + 1, text: raw }];
    }
  });
}

/** Paste many prompts or import a file; see the expanded count and every rejected row before queueing. */
export function BatchView() {
  const ws = useWorkspace();
  const [draft, setDraft] = useDraft(DRAFTS.batch);
  const { text, pending, report } = draft;
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const edited = useRef(false);
  // Bumped on every edit, so retyping the same text after an import still previews it.
  const [revision, setRevision] = useState(0);
  const styles = { live: ws.styles.value.length > 0 ? ws.styles.value : null };
  const model = ws.model.value;
  const setReport = (next: Report | null): void => setDraft((d) => ({ ...d, report: next }));
  // Today's quota, for the plan under the preview (unknown while signed out).
  const [quota, setQuota] = useState<QuotaNow | null>(null);
  useEffect(() => {
    void Promise.resolve()
      .then(() => call('accountInfo', {}))
      .then((info) =>
        setQuota(
          info.quota
            ? {
                remaining: info.quota.rateLimitReached ? 0 : info.quota.remaining,
                resetsAt: info.quota.resetsAt,
              }
            : null,
        ),
      )
      .catch(() => undefined);
  }, []);

  // The pasted text's preview, re-parsed a moment after typing stops (10,000 lines stay responsive).
  // Only typing re-previews: the report of a queued batch stays until the kept lines are edited.
  useEffect(() => {
    if (!edited.current && report !== null) return;
    const pasted = t('batchPasted');
    if (text.trim() === '') {
      // Only the paste preview goes away with the text; a file's report stays.
      setDraft((d) =>
        d.report?.phase === 'preview' && d.report.source === pasted ? { ...d, report: null } : d,
      );
      return;
    }
    const timer = setTimeout(() => setReport(preview(pasted, parseBatchText(text, { model, styles }))), 200);
    return () => clearTimeout(timer);
  }, [text, model, styles.live, revision]);

  function preview(source: string, result: ReturnType<typeof parseBatchText>): Report {
    return {
      phase: 'preview',
      source,
      jobs: result.jobs.length,
      rejected: result.rejected,
      warnings: result.warnings,
      models: result.jobs.map((j) => j.model),
    };
  }

  function onText(next: string): void {
    edited.current = true;
    setRevision((r) => r + 1);
    setKept(null);
    setDraft((d) => ({ ...d, text: next, pending: null }));
  }

  async function submitPaste(): Promise<void> {
    const items = pastedItems(text);
    if (items.length === 0) return setError(t('batchEmpty'));
    setBusy(true);
    try {
      const result = await call('enqueue', {
        items: items.map((i) => ({ text: i.text, model })),
        source: 'paste',
      });
      // The rejected lines stay in the box, to fix and queue again; the report numbers them as they now stand.
      const keptLines = result.rejected.map((r) => items[r.index]?.text ?? '');
      const rejected = result.rejected.map((r, i) => ({
        line: i + 1,
        reason: r.message,
        code: r.code,
        raw: items[r.index]?.text ?? '',
      }));
      edited.current = false;
      setDraft({
        text: keptLines.join('\n'),
        pending: null,
        report: { phase: 'done', source: t('batchPasted'), jobs: result.ids.length, rejected, warnings: [] },
      });
      setKept(keptLines.length > 0 ? keptLines.length : null);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function chooseFile(file: File): Promise<void> {
    const content = await file.text();
    try {
      const next = preview(file.name, parseImport(file.name, content, { model, styles }));
      edited.current = false;
      setDraft((d) => ({ ...d, report: next, pending: { fileName: file.name, text: content } }));
      setError(null);
    } catch (e) {
      setDraft((d) => ({ ...d, pending: null }));
      setError(errorMessage(e));
    }
  }

  async function confirmImport(): Promise<void> {
    if (!pending) return;
    setBusy(true);
    try {
      const result = await call('importFile', { ...pending, model });
      setDraft((d) => ({
        ...d,
        pending: null,
        report: {
          phase: 'done',
          source: pending.fileName,
          jobs: result.ids.length,
          rejected: result.rejected,
          warnings: result.warnings,
        },
      }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="batch" aria-label={t('tabBatch')}>
      <ModelPicker value={model} plan={ws.plan.value} onChange={(m) => (ws.model.value = m)} />
      <label class="field">
        <span>{t('batchLabel')}</span>
        <textarea
          data-testid="batch-input"
          rows={8}
          value={text}
          placeholder={t('batchPlaceholder')}
          onInput={(e) => onText(e.currentTarget.value)}
        />
      </label>
      <EnhanceAll text={text} model={model} onText={onText} />
      <div class="row between">
        <label class="file-button">
          <span>{t('importFile')}</span>
          <input
            data-testid="import-file"
            type="file"
            accept=".txt,.csv,.jsonl,.ndjson,text/plain,text/csv"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void chooseFile(file);
              e.currentTarget.value = '';
            }}
          />
        </label>
        {pending ? (
          <button
            data-testid="import-confirm"
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => void confirmImport()}
          >
            {t('importConfirm', String(report?.jobs ?? 0))}
          </button>
        ) : (
          <button
            data-testid="batch-submit"
            type="button"
            class="primary"
            disabled={busy}
            onClick={() => void submitPaste()}
          >
            {t('batchSubmit', String(report?.phase === 'preview' ? report.jobs : 0))}
          </button>
        )}
      </div>
      {error !== null && (
        <p data-testid="composer-error" class="error" role="alert">
          {error}
        </p>
      )}
      {kept !== null && (
        <p class="notice" role="status" data-testid="batch-kept">
          {tn('batchKept', kept)}
        </p>
      )}
      {report && <ImportReport report={report} quota={quota} />}
    </section>
  );
}
