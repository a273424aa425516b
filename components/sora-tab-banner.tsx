import { browser } from 'wxt/browser';
import { soraTabStatusItem } from '@/lib/platform/sora-tab';
import { t } from '@/lib/ui/i18n';
import { useStorageValue } from '@/lib/ui/storage-value';

/**
 * Says when the extension opened its own background sora.chatgpt.com tab (Sora's request check runs
 * there), and when that check cannot be reached: jobs then wait until the user opens Sora.
 */
export function SoraTabBanner() {
  const status = useStorageValue(soraTabStatusItem);
  if (status.state === 'none') return null;
  const unavailable = status.state === 'sdk-unavailable';
  return (
    <div
      class={`banner ${unavailable ? '' : 'info'}`}
      role={unavailable ? 'alert' : 'status'}
      data-testid="sora-tab-status"
      data-state={status.state}
    >
      <span>{unavailable ? t('soraTabUnavailable') : t('soraTabOpened')}</span>
      {unavailable && (
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: 'https://sora.chatgpt.com/explore' })}
        >
          {t('openSora')}
        </button>
      )}
    </div>
  );
}
