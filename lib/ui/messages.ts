import { browser } from 'wxt/browser';
import { hasMessage, type MessageKey, t } from './i18n';

/**
 * An error as lib/ produces it: a stable `code` (which other code switches on), the English text,
 * and sometimes details. The UI renders it through the catalogue: English keeps lib's own, most
 * specific sentence; other languages get the code's translated sentence, with the details that fit.
 */
export interface CodedMessage {
  code: string;
  message: string;
  details?: Readonly<Record<string, unknown>> | undefined;
}

/** The catalogue key that translates an error code (`err_<code>`), when there is one. */
export function errorKey(code: string): MessageKey | null {
  const key = `err_${code}`;
  return hasMessage(key) ? key : null;
}

function english(): boolean {
  try {
    return (browser.i18n?.getUILanguage?.() ?? 'en').toLowerCase().startsWith('en');
  } catch {
    return true;
  }
}

/** Substitutions a code's message takes, from the error's details (e.g. the unknown style's name). */
function params(error: CodedMessage): string[] {
  const style = error.details?.style;
  if (typeof style === 'string') return [style];
  const fromText = /"([^"]{1,80})"/.exec(error.message)?.[1];
  return fromText ? [fromText] : ['—'];
}

/** The error in the user's language (see {@link CodedMessage}). */
export function errorText(error: CodedMessage): string {
  const key = errorKey(error.code);
  if (english() || key === null) return error.message || (key ? t(key, ...params(error)) : error.code);
  return t(key, ...params(error));
}

/** A stored job error (code + English message) in the user's language. */
export function jobErrorText(error: { code: string; message: string }): string {
  return errorText(error);
}
