import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { webhookOrigin } from '@/lib/platform/signals';
import { type WebhookDelivery, webhookLogItem } from '@/lib/settings/items';
import { SettingsSchema } from '@/lib/settings/settings';
import { t } from '@/lib/ui/i18n';
import { useStorageValue } from '@/lib/ui/storage-value';
import type { SectionProps } from './section';
import { usePermission } from './use-permission';

function deliveryText(d: WebhookDelivery): string {
  const when = new Date(d.at).toLocaleTimeString();
  if (d.ok) return t('webhookDelivered', when, String(d.status));
  if (d.problem === 'not_granted') return t('webhookNotGranted', when, d.origin);
  if (d.problem === 'http') return t('webhookHttpFailed', when, String(d.status));
  return t('webhookNetworkFailed', when);
}

/** The webhook address (saved only while valid), whether the browser lets us reach it, and its last deliveries. */
export function WebhookSetting({ settings, update }: SectionProps) {
  const [webhook, setWebhook] = useState(settings.webhookUrl);
  const origin = webhookOrigin(webhook);
  const webhookGranted = usePermission(origin ? { origins: [origin] } : null);
  const deliveries = useStorageValue(webhookLogItem);
  const webhookOk = SettingsSchema.shape.webhookUrl.safeParse(webhook).success;
  return (
    <>
      <label class="field">
        <span>{t('settingWebhook')}</span>
        <input
          data-testid="setting-webhook"
          type="url"
          placeholder="https://example.com/hook"
          value={webhook}
          aria-invalid={!webhookOk}
          aria-describedby="webhook-help"
          onInput={(e) => {
            setWebhook(e.currentTarget.value);
            if (SettingsSchema.shape.webhookUrl.safeParse(e.currentTarget.value).success)
              update({ webhookUrl: e.currentTarget.value });
          }}
        />
      </label>
      <p id="webhook-help" class={webhookOk ? 'muted' : 'error'}>
        {webhookOk ? t('webhookHelp') : t('webhookInvalid')}
      </p>
      {webhookOk && origin && (
        <p
          class={webhookGranted ? 'muted' : 'error'}
          data-testid="webhook-access"
          data-granted={String(!!webhookGranted)}
        >
          {webhookGranted ? t('webhookAccessGranted', origin) : t('webhookAccessMissing', origin)}
        </p>
      )}
      {webhookOk && origin && !webhookGranted && (
        <button
          type="button"
          data-testid="webhook-grant"
          onClick={() => void browser.permissions.request({ origins: [origin] }).catch(() => false)}
        >
          {t('webhookGrant')}
        </button>
      )}
      {deliveries.length > 0 && (
        <details data-testid="webhook-log">
          <summary>{t('webhookLog', String(deliveries.length))}</summary>
          <ul>
            {deliveries.map((d) => (
              <li key={`${d.at}-${d.jobId}`} class={d.ok ? 'muted' : 'error'}>
                {deliveryText(d)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
