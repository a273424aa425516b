/**
 * The words a prompt search matches (one place for the rule): letters and digits, lower-cased and
 * NFKC-folded; Chinese and Japanese characters count one word each (those scripts put no spaces
 * between words). A query matches a job when every query word starts one of the job's words, so
 * "light" finds "lighthouse" and "灯塔" finds a prompt with both characters.
 */

const CJK_CHAR = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}]';
const WORD = new RegExp(`${CJK_CHAR}|(?:(?!${CJK_CHAR})[\\p{L}\\p{N}])+`, 'gu');
/** Longer words are cut: a prefix this long is as good as the whole word for a search box. */
export const MAX_WORD_CHARS = 32;
/** A job indexes at most this many distinct words (a 10,000-character prompt stays a bounded write). */
export const MAX_WORDS = 200;

/** The distinct words of `text`, in order of first appearance, each at most MAX_WORD_CHARS long. */
export function searchWords(text: string, max = MAX_WORDS): string[] {
  const out = new Set<string>();
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
    out.add(match[0].slice(0, MAX_WORD_CHARS));
    if (out.size >= max) break;
  }
  return [...out];
}

/** The words a job is found by: its prompt and the name of its saved file. */
export function jobSearchWords(job: {
  input: { text: string };
  download?: { fileName: string } | null;
}): string[] {
  const file = job.download?.fileName ?? '';
  return searchWords(file === '' ? job.input.text : `${job.input.text} ${file}`);
}

/**
 * The query's words, without those that another query word already starts with ("lig lighthouse"
 * needs only "lighthouse"): each is looked up as a prefix.
 */
export function queryWords(query: string): string[] {
  const words = searchWords(query, 16);
  return words.filter((w, i) => !words.some((other, j) => j !== i && other !== w && other.startsWith(w)));
}

/** Whether every query word starts one of `words` (the search's one matching rule). */
export function wordsMatch(words: readonly string[], query: readonly string[]): boolean {
  return query.every((q) => words.some((w) => w.startsWith(q)));
}
