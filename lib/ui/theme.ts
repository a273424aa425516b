import { readSettings, settingsItem } from '../settings/items';

/** Applies the theme setting to the page (system / light / dark) and follows later changes. */
export function applyTheme(): void {
  const set = (theme: string): void => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  };
  void readSettings().then((s) => set(s.theme));
  settingsItem.watch((s) => set(s?.theme ?? 'system'));
}
