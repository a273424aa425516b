import { useEffect, useState } from 'preact/hooks';
import { errorMessage } from '@/lib/errors';
import { call } from '@/lib/rpc/client';
import { accountItem } from '@/lib/settings/items';
import { SORA_CONCURRENCY_CAP } from '@/lib/sora/declared';
import { t } from '@/lib/ui/i18n';
import { useStorageValue } from '@/lib/ui/storage-value';
import { BackendConcurrency } from './backend-concurrency';
import { STATE_LABEL } from './connection-item';
import type { SectionProps } from './section';

/** The Sora session, always first and never removable: ready while signed in. */
export function SoraSessionItem({ settings, update }: SectionProps) {
  const account = useStorageValue(accountItem);
  const state = account.state === 'signed-in' ? 'ready' : 'error';
  const [message, setMessage] = useState<string | null>(null);
  // The session is re-checked when the page opens, as the side panel does (a sign-in elsewhere shows at once).
  useEffect(() => {
    void Promise.resolve(call('checkSession', {})).catch(() => undefined);
  }, []);
  return (
    <li
      class="backend-item"
      data-testid="backend-item"
      data-backend-id="sora"
      data-backend-kind="sora-session"
      data-state={state}
    >
      <div class="row between">
        <strong>{t('backendSoraSession')}</strong>
      </div>
      <p class={state === 'ready' ? 'muted' : 'error'} data-testid="backend-state">
        {t(STATE_LABEL[state])}
        {state === 'ready' ? '' : ` — ${t('backendSoraSignedOut')}`}
      </p>
      <BackendConcurrency
        id="sora"
        value={settings.concurrency}
        min={1}
        max={SORA_CONCURRENCY_CAP}
        onValid={(concurrency) => update({ concurrency })}
      />
      <div class="row">
        <button
          type="button"
          data-testid="backend-check"
          onClick={() =>
            void call('checkSession', {}).then(
              (r) => setMessage(t(r.state === 'signed-in' ? 'accountSignedIn' : 'backendSoraSignedOut')),
              (e: unknown) => setMessage(errorMessage(e)),
            )
          }
        >
          {t('backendCheck')}
        </button>
      </div>
      {message !== null && (
        <p class="notice" role="status" data-testid="backend-check-result">
          {message}
        </p>
      )}
    </li>
  );
}
