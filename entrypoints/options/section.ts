import type { Settings } from '@/lib/settings/settings';

/** What each group of settings gets from the page: the saved values and a way to change some. */
export interface SectionProps {
  settings: Settings;
  update: (patch: Partial<Settings>) => void;
}
