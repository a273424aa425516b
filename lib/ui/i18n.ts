import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** The base of a plural message: the catalogue holds `<base>_one` and `<base>_other` (CLDR categories). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

function localMessage(key: MessageKey, substitutions: string[]): string {
  try {
    return browser.i18n?.getMessage?.(key, substitutions) ?? '';
  } catch {
    return ''; // the fake browser of unit tests has no i18n
  }
}

function uiLanguage(): string {
  try {
    return browser.i18n?.getUILanguage?.() || 'en';
  } catch {
    return 'en';
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

/**
 * A counted message with the language's plural rule (`Intl.PluralRules`): `$1` is the count, further
 * substitutions follow. Chinese has one form; English picks `_one` or `_other`.
 */
export function tn(base: PluralKey, count: number, ...substitutions: string[]): string {
  const rule = new Intl.PluralRules(uiLanguage()).select(count);
  const key = `${base}_${rule}` in en ? (`${base}_${rule}` as MessageKey) : (`${base}_other` as MessageKey);
  return t(key, String(count), ...substitutions);
}
