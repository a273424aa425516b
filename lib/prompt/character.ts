/**
 * The one rule for "a video alone makes a character" (docs/backend-facts.md §4.9; the seed README's "Scenario 1"):
 * a character video with no prompt text and no images creates the character and nothing else.
 * With text, the same video becomes a character first and then a generation that uses it.
 */
export function isCharacterOnly(entry: { text: string; imageCount: number; hasVideo: boolean }): boolean {
  return entry.hasVideo && entry.imageCount === 0 && entry.text.trim() === '';
}
