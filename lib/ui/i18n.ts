import { browser } from 'wxt/browser';
import en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/**
 * English straight from the catalogue file, for unit tests only: their fake browser has no i18n.
 * In the extension `browser.i18n` always answers (Chrome falls back to the `default_locale`, en, by
 * itself), so the build folds this to null and leaves the 23 KB file out of every page's bundle.
 */
const FALLBACK: Readonly<Record<string, { message: string }>> | null =
  import.meta.env.MODE === 'test' ? en : null;

/** The message in the browser's language, or the test fallback; '' when there is none. */
function lookup(key: string, substitutions: string[]): string {
  const localized = localMessage(key as MessageKey, substitutions);
  if (localized || !FALLBACK) return localized;
  let text = FALLBACK[key]?.message ?? '';
  substitutions.forEach((value, index) => {
    text = text.replace(`$${index + 1}`, value);
  });
  return text;
}

/** Whether the catalogue has `key` (e.g. a translation for an error code). */
export function hasMessage(key: string): key is MessageKey {
  return lookup(key, []) !== '';
}

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

/** A UI string in the browser's language (extension locale files; Chrome answers English for a key a language lacks). */
export function t(key: MessageKey, ...substitutions: string[]): string {
  return lookup(key, substitutions) || key;
}

/**
 * A counted message with the language's plural rule (`Intl.PluralRules`): `$1` is the count, further
 * substitutions follow. Chinese has one form; English picks `_one` or `_other`.
 */
export function tn(base: PluralKey, count: number, ...substitutions: string[]): string {
  const rule = new Intl.PluralRules(uiLanguage()).select(count);
  const exact = `${base}_${rule}`;
  const key = hasMessage(exact) ? exact : (`${base}_other` as MessageKey);
  return t(key, String(count), ...substitutions);
}
