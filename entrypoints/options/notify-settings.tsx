import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/lib/ui/i18n';
import type { SectionProps } from './section';
import { usePermission } from './use-permission';
import { WebhookSetting } from './webhook-setting';

/** Notifications (on only while the browser grants them) and the completion webhook. */
export function NotifySettings({ settings, update }: SectionProps) {
  const [notifyProblem, setNotifyProblem] = useState<string | null>(null);
  const notifyGranted = usePermission({ permissions: ['notifications'] });

  /** Notifications are on only when the setting is on and the browser granted the permission. */
  function setNotifications(on: boolean): void {
    if (!on) {
      setNotifyProblem(null);
      update({ notifications: false });
      return;
    }
    // Optional permission: asked for in this click (the user gesture), before anything is awaited.
    void browser.permissions
      .request({ permissions: ['notifications'] })
      .catch(() => false)
      .then((granted) => {
        setNotifyProblem(granted ? null : t('notificationsRefused'));
        update({ notifications: granted });
      });
  }

  return (
    <fieldset>
      <legend>{t('optionsNotify')}</legend>
      <label class="check">
        <input
          data-testid="setting-notifications"
          type="checkbox"
          checked={settings.notifications && notifyGranted === true}
          onChange={(e) => setNotifications(e.currentTarget.checked)}
        />
        <span>{t('settingNotifications')}</span>
      </label>
      {(notifyProblem || (settings.notifications && notifyGranted === false)) && (
        <p class="error" data-testid="notifications-problem" role="alert">
          {notifyProblem ?? t('notificationsNotGranted')}
        </p>
      )}
      <WebhookSetting settings={settings} update={update} />
    </fieldset>
  );
}
