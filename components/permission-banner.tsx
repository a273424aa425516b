import { requestHostAccess } from '@/lib/platform/permissions';
import { summaryItem } from '@/lib/settings/items';
import { t } from '@/lib/ui/i18n';
import { useStorageValue } from '@/lib/ui/storage-value';

/** Shown while jobs wait for the Sora site access the user revoked; one click asks for it again. */
export function PermissionBanner() {
  const summary = useStorageValue(summaryItem);
  if ((summary.counts['waiting-permission'] ?? 0) === 0) return null;
  return (
    <div class="banner" role="alert">
      <span>{t('permissionNeeded')}</span>
      <button
        data-testid="grant-permission"
        type="button"
        class="primary"
        onClick={() => void requestHostAccess()}
      >
        {t('grantPermission')}
      </button>
    </div>
  );
}
