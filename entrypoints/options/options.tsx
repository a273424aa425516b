import { useEffect, useState } from 'preact/hooks';
import { readSettings, settingsItem } from '@/lib/settings/items';
import { parseSettings, type Settings } from '@/lib/settings/settings';
import { t } from '@/lib/ui/i18n';

/** Settings, saved as they change; invalid values are repaired field by field. */
export function Options() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void readSettings().then(setSettings);
  }, []);
  if (!settings) return null;

  function update(patch: Partial<Settings>): void {
    const next = parseSettings({ ...settings, ...patch });
    setSettings(next);
    void settingsItem.setValue(next).then(() => setSaved(true));
  }

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <label class="field">
        <span>{t('settingConcurrency')}</span>
        <input
          data-testid="setting-concurrency"
          type="number"
          min={1}
          max={3}
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
      <label class="row">
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
          value={settings.filenameTemplate}
          onChange={(e) => update({ filenameTemplate: e.currentTarget.value })}
        />
      </label>
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
      <p class="notice" aria-live="polite">
        {saved ? t('saved') : ''}
      </p>
    </main>
  );
}
