import { useEffect } from 'preact/hooks';
import { call } from '@/lib/rpc/client';
import { accountItem } from '@/lib/settings/items';
import { t } from '@/lib/ui/i18n';
import { useStorageValue } from '@/lib/ui/storage-value';

/** Signed-in state and quota; opening a page re-checks the session so a new sign-in shows at once. */
export function AccountBar() {
  const account = useStorageValue(accountItem);
  useEffect(() => {
    call('checkSession', {}).catch(() => undefined);
  }, []);
  const label =
    account.state === 'signed-in'
      ? t('accountSignedIn')
      : account.state === 'signed-out'
        ? t('accountSignedOut')
        : t('accountUnknown');
  return (
    <header class="account-bar">
      <span
        data-testid="account-status"
        data-state={account.state === 'signed-in' ? 'signed-in' : 'signed-out'}
        class={`dot ${account.state}`}
      >
        {label}
      </span>
      <span data-testid="quota" class="muted">
        {t('quotaUnknown')}
      </span>
    </header>
  );
}
