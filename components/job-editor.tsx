import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import type { JobRow as Job } from '@/lib/queue/job';
import { call } from '@/lib/rpc/client';
import { SORA_CHOICE } from '@/lib/ui/backend-choice';
import { t } from '@/lib/ui/i18n';
import { ModelPicker } from './model-picker';
import { connectionModels, useConnections } from './use-connections';

/** A connection job's model: that connection's models (the job's own first), never Sora's list. */
function ConnectionModel(props: { job: Job; value: string; onChange: (model: string) => void }) {
  const views = useConnections();
  const connection = views.list.find((c) => c.id === props.job.backendId);
  const listed = connection ? connectionModels(connection, views.states[connection.id]) : [];
  const models = [...new Set([props.job.input.model, ...listed])];
  return (
    <label class="field grow">
      <span>{t('modelLabel')}</span>
      <select
        id="job-edit-model"
        data-testid="job-edit-model"
        value={props.value}
        disabled={connection?.kind === 'task-api'}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        {models.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A dialog to change a job's prompt and model before it reaches Sora (a failed job is then retried). */
export function JobEditor(props: { job: Job; plan: string | null; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState(props.job.input.text);
  const [model, setModel] = useState(props.job.input.model);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal?.();
  }, []);

  async function save(): Promise<void> {
    try {
      const result = await call('editJob', { id: props.job.id, text, model });
      if (result.error) return setError(result.error);
      props.onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <dialog ref={dialog} class="editor" aria-labelledby="job-editor-title" onClose={props.onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="job-editor-title">{t('editJob')}</h2>
        <label class="field">
          <span>{t('promptLabel')}</span>
          <textarea
            data-testid="job-edit-input"
            rows={5}
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        {props.job.backendId === SORA_CHOICE ? (
          <ModelPicker
            id="job-edit-model"
            testId="job-edit-model"
            value={model}
            plan={props.plan}
            onChange={setModel}
          />
        ) : (
          <ConnectionModel job={props.job} value={model} onChange={setModel} />
        )}
        {error && (
          <p class="error" role="alert" data-testid="job-edit-error">
            {error}
          </p>
        )}
        <div class="row between">
          <button type="button" onClick={props.onClose}>
            {t('dismiss')}
          </button>
          <button data-testid="job-edit-save" type="submit" class="primary">
            {t('save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
