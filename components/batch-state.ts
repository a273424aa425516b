import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { parseImport } from '@/lib/prompt/import';
import { parseBatchText } from '@/lib/prompt/import-text';
import { call } from '@/lib/rpc/client';
import { DRAFTS, useDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { pastedItems, preview } from './batch-preview';
import type { Report } from './import-report';

/** Where the batch goes: the model to send and, for a connection, its id and parameters. */
export interface BatchTarget {
  model: string;
  extras: { backend?: string; params?: Record<string, string> };
  /** The connection's name; null for the Sora session. */
  connectionName: string | null;
}

/**
 * The batch view's state: the draft (text, picked file, report) and what queueing it does. `model`
 * checks the lines (a Sora model); `target` says where they are sent (the Sora session by default).
 */
export function useBatch(model: string, liveStyles: string[] | null, target?: BatchTarget) {
  const send = target ?? { model, extras: {}, connectionName: null };
  const [draft, setDraft] = useDraft(DRAFTS.batch);
  const { text, pending, report } = draft;
  const [error, setError] = useState<string | null>(null);
  const [kept, setKept] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const edited = useRef(false);
  // Bumped on every edit, so retyping the same text after an import still previews it.
  const [revision, setRevision] = useState(0);
  const styles = { live: liveStyles };
  const setReport = (next: Report | null): void => setDraft((d) => ({ ...d, report: next }));

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
        items: items.map((i) => ({ text: i.text, model: send.model, ...send.extras })),
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
      const next = preview(
        file.name,
        parseImport(file.name, content, {
          model,
          styles,
          ...(send.extras.backend ? { backend: send.extras.backend } : {}),
        }),
      );
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
      // Rows that name no connection run on the one picked (with its parameters), else on Sora.
      const result = await call('importFile', { ...pending, model: send.model, ...send.extras });
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

  return { text, pending, report, error, kept, busy, onText, submitPaste, chooseFile, confirmImport };
}
