import type { FunctionComponent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MODEL_NAMES } from '@/lib/prompt/models';
import type { MediaRef } from '@/lib/prompt/request';
import { SORA_CHOICE, useBackendChoiceState } from '@/lib/ui/backend-choice';
import { DRAFTS, useDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { readMedia } from '@/lib/ui/media';
import { DEFAULT_MODEL, lastModelItem } from '@/lib/ui/prefill';
import { useSubmission } from '@/lib/ui/submission';
import type { ChosenBackend } from './backend-fields';
import { FileInput } from './file-input';
import { FormMessages } from './form-messages';
import type { PopupBackend } from './popup-backend';

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
  // The popup's own backend choice (one per page, like its model); the picker loads after the first render.
  const choice = useBackendChoiceState();
  const chosen = useRef<ChosenBackend | null>(null);
  const [Picker, setPicker] = useState<FunctionComponent<Parameters<typeof PopupBackend>[0]> | null>(null);
  useEffect(() => {
    void import('./popup-backend').then((m) => setPicker(() => m.PopupBackend));
  }, []);
  useEffect(() => {
    void lastModelItem.getValue().then((m) => m && MODEL_NAMES.includes(m as never) && setModel(m));
  }, []);

  async function submit(): Promise<void> {
    if (text.trim() === '') return setError(t('promptEmpty'));
    const item = { text, model: chosen.current?.model(model) ?? model, ...(chosen.current?.extras() ?? {}) };
    if (await queue({ ...item, ...(image ? { images: [image] } : {}) })) {
      setText('');
      setImage(null);
    }
  }

  const soraModel = (
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
  );

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
      {Picker ? (
        <Picker choice={choice} chosen={chosen} sora={soraModel} />
      ) : (
        <div class="row wrap backend-fields">
          <label class="field">
            <span>{t('backendLabel')}</span>
            <select data-testid="backend-select" value={SORA_CHOICE} disabled>
              <option value={SORA_CHOICE}>{t('backendSoraSession')}</option>
            </select>
          </label>
          {soraModel}
        </div>
      )}
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
