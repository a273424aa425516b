import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { parseImport } from '@/lib/prompt/import';
import { parseBatchText } from '@/lib/prompt/import-text';
import { expandTemplate, isTemplate } from '@/lib/prompt/template';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { useWorkspace } from '@/lib/ui/workspace';
import { EnhanceAll } from './enhance-all';
import { ImportReport, type Report } from './import-report';
import { ModelPicker } from './model-picker';

interface Pending {
  fileName: string;
  text: string;
}

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
  const [text, setText] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const styles = { live: ws.styles.value.length > 0 ? ws.styles.value : null };
  const model = ws.model.value;

  // The pasted text's preview, re-parsed a moment after typing stops (10,000 lines stay responsive).
  useEffect(() => {
    const pasted = t('batchPasted');
    if (text.trim() === '') {
      // Only the paste preview goes away with the text; a file's report stays.
      setReport((r) => (r?.phase === 'preview' && r.source === pasted ? null : r));
      return;
    }
    const timer = setTimeout(() => setReport(preview(pasted, parseBatchText(text, { model, styles }))), 200);
    return () => clearTimeout(timer);
  }, [text, model, styles.live]);

  function preview(source: string, result: ReturnType<typeof parseBatchText>): Report {
    return {
      phase: 'preview',
      source,
      jobs: result.jobs.length,
      rejected: result.rejected,
      warnings: result.warnings,
    };
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
      const rejected = result.rejected.map((r) => ({
        line: items[r.index]?.line ?? 0,
        reason: r.message,
        raw: items[r.index]?.text ?? '',
      }));
      setReport({ phase: 'done', source: t('batchPasted'), jobs: result.ids.length, rejected, warnings: [] });
      setError(null);
      if (result.ids.length > 0) setText('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function chooseFile(file: File): Promise<void> {
    const content = await file.text();
    try {
      setReport(preview(file.name, parseImport(file.name, content, { model, styles })));
      setPending({ fileName: file.name, text: content });
      setError(null);
    } catch (e) {
      setPending(null);
      setError(errorMessage(e));
    }
  }

  async function confirmImport(): Promise<void> {
    if (!pending) return;
    setBusy(true);
    try {
      const result = await call('importFile', { ...pending, model });
      setReport({
        phase: 'done',
        source: pending.fileName,
        jobs: result.ids.length,
        rejected: result.rejected,
        warnings: result.warnings,
      });
      setPending(null);
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
          onInput={(e) => {
            setText(e.currentTarget.value);
            setPending(null);
          }}
        />
      </label>
      <EnhanceAll
        text={text}
        model={model}
        onText={(next) => {
          setText(next);
          setPending(null);
        }}
      />
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
      {report && <ImportReport report={report} />}
    </section>
  );
}
