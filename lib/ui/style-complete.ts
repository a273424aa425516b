/** An open `{partial` style tag at the caret, and the styles that complete it. */
export interface StyleCompletion {
  /** Index of the `{`. */
  from: number;
  /** Index just past the typed part (the caret). */
  to: number;
  options: string[];
}

const MAX_OPTIONS = 8;

/**
 * The completion for a `{style}` tag being typed at `caret`, or null. Not inside a template `{{`,
 * not after an escaped `\{`, and only while the tag has no space or closing brace yet.
 */
export function styleCompletion(
  text: string,
  caret: number,
  styles: readonly string[],
): StyleCompletion | null {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{');
  if (open < 0 || before[open - 1] === '{' || before[open - 1] === '\\') return null;
  const typed = before.slice(open + 1);
  if (/[\s{}]/.test(typed)) return null;
  const needle = typed.toLowerCase();
  const options = styles
    .filter((s) => s.toLowerCase().startsWith(needle))
    .concat(styles.filter((s) => !s.toLowerCase().startsWith(needle) && s.toLowerCase().includes(needle)))
    .slice(0, MAX_OPTIONS);
  return options.length > 0 ? { from: open, to: caret, options } : null;
}

/** The text with the completion applied, and where the caret goes (after the closing brace). */
export function applyStyleCompletion(
  text: string,
  completion: StyleCompletion,
  style: string,
): { text: string; caret: number } {
  const rest = text.slice(completion.to).replace(/^[^\s{}]*\}?/, '');
  const tag = `{${style}}`;
  return { text: text.slice(0, completion.from) + tag + rest, caret: completion.from + tag.length };
}
