import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** A UI string in the browser's language (extension locale files), English when a key is missing. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  const localized = browser.i18n?.getMessage?.(key, substitutions);
  if (localized) return localized;
  let text: string = en[key].message;
  substitutions.forEach((value, index) => {
    text = text.replace(`$${index + 1}`, value);
  });
  return text;
}
