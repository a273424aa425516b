import { useState } from 'preact/hooks';
import { FileInput } from '@/components/file-input';
import { errorMessage } from '@/lib/errors';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';

function saveFile(name: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Export the queue and history as JSON, and import such a file again (ids kept, nothing overwritten). */
export function DataTransfer() {
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);

  async function exportJson(): Promise<void> {
    const { json } = await call('exportData', {});
    saveFile(`sora-companion-${new Date().toISOString().slice(0, 10)}.json`, json);
    setNote({ text: t('exportDone'), error: false });
  }

  async function importJson(file: File): Promise<void> {
    try {
      const data: unknown = JSON.parse(await file.text());
      const result = await call('importData', { data });
      const done = t('importDone', String(result.added), String(result.skipped));
      const bad = result.rejected.map((r) => t('importRowRejected', String(r.index + 1), r.reason));
      setNote({ text: [done, ...bad].join(' '), error: result.rejected.length > 0 });
    } catch (e) {
      setNote({
        text: e instanceof SyntaxError ? t('importNotJson') : errorMessage(e),
        error: true,
      });
    }
  }

  return (
    <fieldset>
      <legend>{t('optionsData')}</legend>
      <div class="row">
        <button data-testid="export-json" type="button" onClick={() => void exportJson()}>
          {t('exportJson')}
        </button>
        <FileInput
          testId="import-json"
          label={t('importJson')}
          accept="application/json,.json"
          onFiles={([file]) => {
            if (file) void importJson(file);
          }}
        />
      </div>
      {note && (
        <p data-testid="transfer-result" class={note.error ? 'error' : 'notice'} role="status">
          {note.text}
        </p>
      )}
    </fieldset>
  );
}
