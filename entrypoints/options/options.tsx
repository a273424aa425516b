import { useEffect, useState } from 'preact/hooks';
import { readSettings, settingsItem } from '@/lib/settings/items';
import { parseSettings, type Settings } from '@/lib/settings/settings';
import { t } from '@/lib/ui/i18n';
import { AppearanceSettings } from './appearance-settings';
import { ConnectionsSettings } from './connections-settings';
import { DataTransfer } from './data-transfer';
import { DownloadSettings } from './download-settings';
import { NotifySettings } from './notify-settings';
import { QueueSettings } from './queue-settings';

/** Settings, saved as they change; a value the schema refuses is shown with its reason and not saved. */
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
      <QueueSettings settings={settings} update={update} onInvalid={() => setSaved(false)} />
      <ConnectionsSettings settings={settings} update={update} />
      <DownloadSettings settings={settings} update={update} />
      <NotifySettings settings={settings} update={update} />
      <AppearanceSettings settings={settings} update={update} />
      <DataTransfer />
      <p class="notice" role="status" aria-live="polite">
        {saved ? t('saved') : ''}
      </p>
    </main>
  );
}
