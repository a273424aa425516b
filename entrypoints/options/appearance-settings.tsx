import type { Settings } from '@/lib/settings/settings';
import { t } from '@/lib/ui/i18n';
import type { SectionProps } from './section';

/** The colour theme: follow the system, or always light or dark. */
export function AppearanceSettings({ settings, update }: SectionProps) {
  return (
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
  );
}
