import { useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { call } from '@/lib/rpc/client';
import { t } from '@/lib/ui/i18n';
import { type EnhanceLevel, EnhanceLevelSelect } from './enhance-level';

/** "Enhance prompt": asks Sora to expand the prompt and shows the result for the user to accept. */
export function EnhancePanel(props: { prompt: string; durationS: number; onAccept: (text: string) => void }) {
  const [level, setLevel] = useState<EnhanceLevel>('medium');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function enhance(): Promise<void> {
    setError(null);
    setResult(null);
    if (props.prompt.trim() === '') {
      setError(t('enhanceEmpty'));
      return;
    }
    setBusy(true);
    try {
      const answer = await call('enhancePrompt', { prompt: props.prompt, level, durationS: props.durationS });
      setResult(answer.text);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="enhance">
      <div class="row">
        <EnhanceLevelSelect testid="enhance-level" value={level} onChange={setLevel} />
        <button data-testid="enhance-button" type="button" disabled={busy} onClick={() => void enhance()}>
          {busy ? t('enhancing') : t('enhance')}
        </button>
      </div>
      {error !== null && (
        <p class="error" role="alert" data-testid="enhance-error">
          {error}
        </p>
      )}
      {result !== null && (
        <div class="enhance-result" data-testid="enhance-result" aria-live="polite">
          <p>{result}</p>
          <div class="row">
            <button
              data-testid="enhance-accept"
              type="button"
              class="primary"
              onClick={() => {
                props.onAccept(result);
                setResult(null);
              }}
            >
              {t('enhanceAccept')}
            </button>
            <button type="button" onClick={() => setResult(null)}>
              {t('dismiss')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
