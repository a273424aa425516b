import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { renderFileName, templateError } from '@/lib/pipeline/filename';
import { webhookOrigin } from '@/lib/platform/signals';
import { readSettings, settingsItem } from '@/lib/settings/items';
import { parseSettings, type Settings, SettingsSchema } from '@/lib/settings/settings';
import { SORA_CONCURRENCY_CAP } from '@/lib/sora/declared';
import { t } from '@/lib/ui/i18n';
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

/** Settings, saved as they change; a value the schema refuses is shown with its reason and not saved. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [template, setTemplate] = useState('');
  const [webhook, setWebhook] = useState('');
  const [saved, setSaved] = useState(false);
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

  const templateProblem = templateError(template);
  const webhookOk = SettingsSchema.shape.webhookUrl.safeParse(webhook).success;
  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <fieldset>
        <legend>{t('optionsQueue')}</legend>
        <label class="field">
          <span>{t('settingConcurrency')}</span>
          <input
            data-testid="setting-concurrency"
            type="number"
            min={1}
            max={SORA_CONCURRENCY_CAP}
            value={settings.concurrency}
            onChange={(e) => update({ concurrency: Number(e.currentTarget.value) })}
          />
        </label>
        <label class="field">
          <span>{t('settingPollInterval')}</span>
          <input
            data-testid="setting-poll-interval"
            type="number"
            min={1}
            max={60}
            value={settings.pollIntervalSec}
            onChange={(e) => update({ pollIntervalSec: Number(e.currentTarget.value) })}
          />
        </label>
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
            checked={settings.notifications}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              // Optional permission: asked for in this click (the user gesture), before anything is awaited.
              if (on) void browser.permissions.request({ permissions: ['notifications'] }).catch(() => false);
              update({ notifications: on });
            }}
          />
          <span>{t('settingNotifications')}</span>
        </label>
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
        {webhookOk && webhookOrigin(webhook) && (
          <button
            type="button"
            data-testid="webhook-grant"
            onClick={() => {
              const origin = webhookOrigin(webhook);
              if (origin) void browser.permissions.request({ origins: [origin] }).catch(() => false);
            }}
          >
            {t('webhookGrant')}
          </button>
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
