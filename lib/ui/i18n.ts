import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

function localMessage(key: MessageKey, substitutions: string[]): string {
  try {
    return browser.i18n?.getMessage?.(key, substitutions) ?? '';
  } catch {
    return ''; // the fake browser of unit tests has no i18n
  }
}

/** A UI string in the browser's language (extension locale files), English when a key is missing. */
export function t(key: MessageKey, ...substitutions: string[]): string {
  const localized = localMessage(key, substitutions);
  if (localized) return localized;
  let text: string = en[key].message;
  substitutions.forEach((value, index) => {
    text = text.replace(`$${index + 1}`, value);
  });
  return text;
}
