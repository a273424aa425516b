import { t, tn } from '@/lib/ui/i18n';
import { DEFAULT_MODEL } from '@/lib/ui/prefill';
import { useWorkspace } from '@/lib/ui/workspace';
import { BackendFields, useChosenBackend } from './backend-fields';
import { BatchActions } from './batch-actions';
import { useTodayQuota } from './batch-quota';
import { useBatch } from './batch-state';
import { EnhanceAll } from './enhance-all';
import { ImportReport } from './import-report';
import { ModelPicker } from './model-picker';
import { connectionLabel, useConnections } from './use-connections';

/** Paste many prompts or import a file; see the expanded count and every rejected row before queueing. */
export function BatchView() {
  const ws = useWorkspace();
  const model = ws.model.value;
  const views = useConnections();
  const chosen = useChosenBackend(ws.backend, views);
  const connection = chosen.connection;
  // On a connection the lines are checked as plain video prompts and sent with its model.
  const batch = useBatch(
    connection ? DEFAULT_MODEL : model,
    ws.styles.value.length > 0 ? ws.styles.value : null,
    {
      model: chosen.model(model),
      extras: chosen.extras(),
      connectionName: connection ? connectionLabel(connection) : null,
    },
  );
  const { text, pending, report, error, kept } = batch;
  const quota = useTodayQuota();

  return (
    <section class="batch" aria-label={t('tabBatch')}>
      <BackendFields
        choice={ws.backend}
        views={views}
        connection={connection}
        sora={<ModelPicker value={model} plan={ws.plan.value} onChange={(m) => (ws.model.value = m)} />}
      />
      <label class="field">
        <span>{t('batchLabel')}</span>
        <textarea
          data-testid="batch-input"
          rows={8}
          value={text}
          placeholder={t('batchPlaceholder')}
          onInput={(e) => batch.onText(e.currentTarget.value)}
        />
      </label>
      <EnhanceAll text={text} model={model} onText={batch.onText} />
      <BatchActions
        pending={Boolean(pending)}
        jobs={pending ? (report?.jobs ?? 0) : report?.phase === 'preview' ? report.jobs : 0}
        busy={batch.busy}
        onFile={(file) => void batch.chooseFile(file)}
        onConfirmImport={() => void batch.confirmImport()}
        onSubmitPaste={() => void batch.submitPaste()}
      />
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
