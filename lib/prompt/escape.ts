/**
 * Escaping, shared by every layer of the language: a backslash before one of `\ { } [ ] |` makes
 * that character literal. Parsers first swap escapes for private-use placeholders (so no regex can
 * see them as syntax), and the final text is restored once, at the end.
 */
const SPECIALS = ['\\', '{', '}', '[', ']', '|'] as const;
const FIRST_PLACEHOLDER = 0xe000;

const toPlaceholder = new Map<string, string>(
  SPECIALS.map((c, i) => [c, String.fromCharCode(FIRST_PLACEHOLDER + i)]),
);
const fromPlaceholder = new Map<string, string>(
  SPECIALS.map((c, i) => [String.fromCharCode(FIRST_PLACEHOLDER + i), c]),
);
const ESCAPE_RE = /\\([\\{}[\]|])/g;
const PLACEHOLDER_RE = /[\ue000-\ue005]/g;
const SPECIAL_RE = /[\\{}[\]|]/g;

/** Replaces `\x` escapes with placeholders that no syntax regex matches. */
export function protectEscapes(text: string): string {
  return text.replace(ESCAPE_RE, (_, c: string) => toPlaceholder.get(c) ?? c);
}

/** Turns placeholders back into the literal characters they stand for. */
export function restoreEscapes(text: string): string {
  return text.replace(PLACEHOLDER_RE, (p) => fromPlaceholder.get(p) ?? p);
}

/** Escapes every special character, so that the text reads back literally. */
export function escapeText(text: string): string {
  return text.replace(SPECIAL_RE, (c) => `\\${c}`);
}

/** Collapses spaces and tabs, trims each line and squeezes blank-line runs: removing tags leaves no gaps. */
export function cleanText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Collapses all whitespace, newlines included, to single spaces (storyboard shots are one line each). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Turns placeholders back into their `\x` escapes: for layers that pass source text on unchanged. */
export function keepEscapes(text: string): string {
  return text.replace(PLACEHOLDER_RE, (p) => `\\${fromPlaceholder.get(p) ?? ''}`);
}
