import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { renderFileName, templateError } from '@/lib/pipeline/filename';
import { webhookOrigin } from '@/lib/platform/signals';
import { readSettings, settingsItem, type WebhookDelivery, webhookLogItem } from '@/lib/settings/items';
import { parseSettings, type Settings, SettingsSchema } from '@/lib/settings/settings';
import { SORA_CONCURRENCY_CAP } from '@/lib/sora/declared';
import { type MessageKey, t } from '@/lib/ui/i18n';
import { useStorageValue } from '@/lib/ui/storage-value';
import { DataTransfer } from './data-transfer';

/** A sample job for the template's live example. */
const EXAMPLE = {
  createdAt: Date.UTC(2026, 0, 31, 14, 5, 9),
  batchId: '3f2a9c1e-0000-4000-8000-000000000000',
  index: 2,
  prompt: 'A kitten running across a meadow',
  model: 'sora2-landscape-10s',
  taskId: 'task_01jexample',
  jobId: '9b1d2c3e-0000-4000-8000-000000000000',
};

/**
 * A number setting: a value outside its range is refused at the field, with the allowed range,
 * and is not saved (never silently replaced by the default).
 */
function NumberSetting(props: {
  testId: string;
  labelKey: MessageKey;
  field: 'concurrency' | 'pollIntervalSec';
  min: number;
  max: number;
  value: number;
  onValid: (value: number) => void;
  onInvalid: () => void;
}) {
  const [text, setText] = useState(String(props.value));
  const value = text.trim() === '' ? Number.NaN : Number(text);
  const ok = SettingsSchema.shape[props.field].safeParse(value).success;
  const errorId = `${props.testId}-error`;
  return (
    <label class="field">
      <span>{t(props.labelKey)}</span>
      <input
        data-testid={props.testId}
        type="number"
        min={props.min}
        max={props.max}
        value={text}
        aria-invalid={!ok}
        aria-describedby={errorId}
        onInput={(e) => setText(e.currentTarget.value)}
        onChange={(e) => {
          const next = e.currentTarget.value.trim() === '' ? Number.NaN : Number(e.currentTarget.value);
          if (SettingsSchema.shape[props.field].safeParse(next).success) props.onValid(next);
          else props.onInvalid();
        }}
      />
      {!ok && (
        <span id={errorId} class="error" data-testid={errorId} role="alert">
          {t(
            props.field === 'concurrency' ? 'rangeConcurrency' : 'rangePollInterval',
            String(props.min),
            String(props.max),
          )}
        </span>
      )}
    </label>
  );
}

/** The browser's answer on an optional permission, kept current as it is granted or removed. */
function usePermission(query: { permissions?: string[]; origins?: string[] } | null): boolean | null {
  const [granted, setGranted] = useState<boolean | null>(null);
  const key = JSON.stringify(query);
  useEffect(() => {
    if (!query) return setGranted(null);
    const check = (): void =>
      void browser.permissions
        .contains(query as never)
        .then(setGranted)
        .catch(() => setGranted(false));
    check();
    browser.permissions.onAdded?.addListener(check);
    browser.permissions.onRemoved?.addListener(check);
    return () => {
      browser.permissions.onAdded?.removeListener(check);
      browser.permissions.onRemoved?.removeListener(check);
    };
  }, [key]);
  return granted;
}

function deliveryText(d: WebhookDelivery): string {
  const when = new Date(d.at).toLocaleTimeString();
  if (d.ok) return t('webhookDelivered', when, String(d.status));
  if (d.problem === 'not_granted') return t('webhookNotGranted', when, d.origin);
  if (d.problem === 'http') return t('webhookHttpFailed', when, String(d.status));
  return t('webhookNetworkFailed', when);
}

/** Settings, saved as they change; a value the schema refuses is shown with its reason and not saved. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [template, setTemplate] = useState('');
  const [webhook, setWebhook] = useState('');
  const [saved, setSaved] = useState(false);
  const [notifyProblem, setNotifyProblem] = useState<string | null>(null);
  const notifyGranted = usePermission({ permissions: ['notifications'] });
  const origin = webhookOrigin(webhook);
  const webhookGranted = usePermission(origin ? { origins: [origin] } : null);
  const deliveries = useStorageValue(webhookLogItem);
  useEffect(() => {
    void readSettings().then((s) => {
      setSettings(s);
      setTemplate(s.filenameTemplate);
      setWebhook(s.webhookUrl);
    });
  }, []);
  if (!settings) return null;

  function update(patch: Partial<Settings>): void {
    const next = parseSettings({ ...settings, ...patch });
    setSettings(next);
    void settingsItem.setValue(next).then(() => setSaved(true));
  }

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

  const templateProblem = templateError(template);
  const webhookOk = SettingsSchema.shape.webhookUrl.safeParse(webhook).success;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <fieldset>
        <legend>{t('optionsQueue')}</legend>
        <NumberSetting
          testId="setting-concurrency"
          labelKey="settingConcurrency"
          field="concurrency"
          min={1}
          max={SORA_CONCURRENCY_CAP}
          value={settings.concurrency}
          onValid={(concurrency) => update({ concurrency })}
          onInvalid={() => setSaved(false)}
        />
        <NumberSetting
          testId="setting-poll-interval"
          labelKey="settingPollInterval"
          field="pollIntervalSec"
          min={1}
          max={60}
          value={settings.pollIntervalSec}
          onValid={(pollIntervalSec) => update({ pollIntervalSec })}
          onInvalid={() => setSaved(false)}
        />
      </fieldset>
      <fieldset>
        <legend>{t('optionsDownloads')}</legend>
        <label class="check">
          <input
            data-testid="setting-auto-download"
            type="checkbox"
            checked={settings.autoDownload}
            onChange={(e) => update({ autoDownload: e.currentTarget.checked })}
          />
          <span>{t('settingAutoDownload')}</span>
        </label>
        <label class="field">
          <span>{t('settingFolder')}</span>
          <input
            type="text"
            data-testid="setting-filename-template"
            value={template}
            aria-invalid={templateProblem !== null}
            aria-describedby="template-example"
            onInput={(e) => {
              setTemplate(e.currentTarget.value);
              if (templateError(e.currentTarget.value) === null)
                update({ filenameTemplate: e.currentTarget.value });
            }}
          />
        </label>
        <p
          id="template-example"
          class={templateProblem ? 'error' : 'muted'}
          data-testid="filename-example"
          aria-live="polite"
        >
          {templateProblem ?? t('templateExample', renderFileName(template, EXAMPLE))}
        </p>
        <p class="muted">{t('templateTokens')}</p>
        <label class="check">
          <input
            data-testid="setting-sidecar"
            type="checkbox"
            checked={settings.sidecar}
            onChange={(e) => update({ sidecar: e.currentTarget.checked })}
          />
          <span>{t('settingSidecar')}</span>
        </label>
      </fieldset>
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
      </fieldset>
      <fieldset>
        <legend>{t('optionsAppearance')}</legend>
        <label class="field">
          <span>{t('settingTheme')}</span>
          <select
            data-testid="setting-theme"
            value={settings.theme}
            onChange={(e) => update({ theme: e.currentTarget.value as Settings['theme'] })}
          >
            <option value="system">{t('themeSystem')}</option>
            <option value="light">{t('themeLight')}</option>
            <option value="dark">{t('themeDark')}</option>
          </select>
        </label>
      </fieldset>
      <DataTransfer />
      <p class="notice" role="status" aria-live="polite">
        {saved ? t('saved') : ''}
      </p>
    </main>
  );
}
