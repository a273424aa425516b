/** Levenshtein distance, capped: returns `cap + 1` as soon as the distance must exceed `cap`. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > cap) return cap + 1;
    prev = row;
  }
  return prev[b.length] ?? cap + 1;
}

/** Candidates close to `word` (small edit distance, or one contains the other), best first, at most `max`. */
export function closeMatches(word: string, candidates: readonly string[], max = 3): string[] {
  const needle = word.toLowerCase();
  if (needle.length === 0) return [];
  const cap = needle.length <= 4 ? 1 : 2;
  const scored: { candidate: string; score: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(needle, lower, cap);
    if (distance <= cap) scored.push({ candidate, score: distance });
    else if (needle.length >= 3 && (lower.includes(needle) || needle.includes(lower))) {
      scored.push({ candidate, score: cap + 1 });
    }
  }
  scored.sort((x, y) => x.score - y.score || x.candidate.localeCompare(y.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

/** `Did you mean "a" or "b"?` — or an empty string when nothing is close. */
export function didYouMean(matches: readonly string[]): string {
  if (matches.length === 0) return '';
  const quoted = matches.map((m) => `"${m}"`);
  const last = quoted.pop();
  return quoted.length === 0 ? ` Did you mean ${last}?` : ` Did you mean ${quoted.join(', ')} or ${last}?`;
}
