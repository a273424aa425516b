import { useState } from 'preact/hooks';
import { unsupportedReason } from '@/lib/pipeline/spec';
import { MODEL_NAMES } from '@/lib/prompt/models';
import { parsePrompt } from '@/lib/prompt/parse';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';

export const DEFAULT_MODEL = 'sora2-landscape-10s';

/** One prompt, one model, one click (or Ctrl/Cmd+Enter). Errors show where the prompt was typed. */
export function Composer(props: { model: string; onModelChange: (model: string) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [hasImage, setHasImage] = useState(false);

  async function submit(): Promise<void> {
    setNotice(null);
    const local = parsePrompt(text, { model: props.model, styles: { live: null } });
    if (!local.ok) {
      setError(local.error.message);
      return;
    }
    const unsupported = hasImage
      ? 'Image-to-video is not available in this version yet.'
      : unsupportedReason(local.request);
    if (unsupported) {
      setError(unsupported);
      return;
    }
    setBusy(true);
    try {
      const result = await call('enqueue', { items: [{ text, model: props.model }] });
      const rejected = result.rejected[0];
      if (rejected) {
        setError(rejected.message);
        return;
      }
      setError(null);
      setText('');
      setNotice([t('queued', String(result.ids.length)), ...result.warnings].join(' '));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label class="field">
        <span>{t('promptLabel')}</span>
        <textarea
          data-testid="prompt-input"
          rows={4}
          value={text}
          placeholder={t('promptPlaceholder')}
          aria-invalid={error !== null}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              void submit();
            }
          }}
        />
      </label>
      <div class="row">
        <label class="field grow">
          <span>{t('modelLabel')}</span>
          <select
            data-testid="model-select"
            value={props.model}
            onChange={(event) => props.onModelChange(event.currentTarget.value)}
          >
            {MODEL_NAMES.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('imageLabel')}</span>
          <input
            data-testid="image-input"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            onChange={(event) => setHasImage((event.currentTarget.files?.length ?? 0) > 0)}
          />
        </label>
      </div>
      {error !== null && (
        <p data-testid="composer-error" class="error" role="alert">
          {error}
        </p>
      )}
      {notice !== null && <p class="notice">{notice}</p>}
      <button data-testid="submit" type="submit" class="primary" disabled={busy}>
        {busy ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
