import { useEffect, useMemo, useState } from 'preact/hooks';
import { MODEL_NAMES } from '@/lib/prompt/models';
import type { MediaRef } from '@/lib/prompt/request';
import { createBackendChoice } from '@/lib/ui/backend-choice';
import { DRAFTS, useDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { readMedia } from '@/lib/ui/media';
import { DEFAULT_MODEL, lastModelItem } from '@/lib/ui/prefill';
import { useSubmission } from '@/lib/ui/submission';
import { BackendFields, useChosenBackend } from './backend-fields';
import { FileInput } from './file-input';
import { FormMessages } from './form-messages';
import { useConnections } from './use-connections';

/**
 * The popup's composer: prompt, model, an optional image, Queue (or Ctrl/Cmd+Enter). It leaves parsing to the
 * background, which answers with the same plain-words reason the side panel would show.
 */
export function QuickComposer() {
  const [draft, setDraft] = useDraft(DRAFTS.popup);
  const text = draft.text;
  const setText = (next: string): void => setDraft({ text: next });
  const [model, setModel] = useState(DEFAULT_MODEL);
  const { error, notice, busy, setError, queue } = useSubmission();
  const [image, setImage] = useState<MediaRef | null>(null);
  // The popup's own backend choice (one per page, like its model).
  const choice = useMemo(createBackendChoice, []);
  const views = useConnections();
  const chosen = useChosenBackend(choice, views);
  useEffect(() => {
    void lastModelItem.getValue().then((m) => m && MODEL_NAMES.includes(m as never) && setModel(m));
  }, []);

  async function submit(): Promise<void> {
    if (text.trim() === '') return setError(t('promptEmpty'));
    const item = { text, model: chosen.model(model), ...chosen.extras() };
    if (await queue({ ...item, ...(image ? { images: [image] } : {}) })) {
      setText('');
      setImage(null);
    }
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        data-testid="prompt-input"
        rows={3}
        value={text}
        aria-label={t('promptLabel')}
        placeholder={t('promptPlaceholder')}
        aria-invalid={error !== null}
        onInput={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <BackendFields
        choice={choice}
        views={views}
        connection={chosen.connection}
        sora={
          <select
            class="grow"
            data-testid="model-select"
            aria-label={t('modelLabel')}
            value={model}
            onChange={(e) => {
              setModel(e.currentTarget.value);
              void lastModelItem.setValue(e.currentTarget.value);
            }}
          >
            {MODEL_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        }
      />
      <div class="row">
        <FileInput
          testId="image-input"
          title={t('imageLabel')}
          label={image ? t('imageAttached') : t('imageAdd')}
          accept="image/png,image/jpeg,image/webp"
          reset={false}
          onFiles={([file]) => {
            setImage(null);
            if (file) void readMedia(file).then(setImage, (err: unknown) => setError(String(err)));
          }}
        />
        <button data-testid="submit" type="submit" class="primary" disabled={busy} title={t('submitHint')}>
          {busy ? t('submitting') : t('submit')}
        </button>
      </div>
      <FormMessages error={error} notice={notice} />
    </form>
  );
}
