import { t } from '@/lib/ui/i18n';
import { FileInput } from './file-input';

interface Props {
  /** A picked file waits for confirmation: the main button queues it instead of the pasted text. */
  pending: boolean;
  /** The jobs the current preview would queue. */
  jobs: number;
  busy: boolean;
  onFile: (file: File) => void;
  onConfirmImport: () => void;
  onSubmitPaste: () => void;
}

/** The batch's import picker and its one main button: confirm the picked file, or queue the pasted lines. */
export function BatchActions(props: Props) {
  return (
    <div class="row between">
      <FileInput
        testId="import-file"
        label={t('importFile')}
        accept=".txt,.csv,.jsonl,.ndjson,text/plain,text/csv"
        onFiles={([file]) => {
          if (file) props.onFile(file);
        }}
      />
      {props.pending ? (
        <button
          data-testid="import-confirm"
          type="button"
          class="primary"
          disabled={props.busy}
          onClick={props.onConfirmImport}
        >
          {t('importConfirm', String(props.jobs))}
        </button>
      ) : (
        <button
          data-testid="batch-submit"
          type="button"
          class="primary"
          disabled={props.busy}
          onClick={props.onSubmitPaste}
        >
          {t('batchSubmit', String(props.jobs))}
        </button>
      )}
    </div>
  );
}
