import { promptError } from './errors';
import { closeMatches, didYouMean } from './suggest';

/** The seed's style whitelist (docs/backend-facts.md §4.8, SHC/GO): used only when the live list cannot be had. */
export const FALLBACK_STYLES: readonly string[] = [
  'festive',
  'kakalaka',
  'news',
  'selfie',
  'handheld',
  'golden',
  'anime',
  'retro',
  'nostalgic',
  'comic',
];

/** Style lists the parser knows: `live` is `initialize_async.styles` ids, or null when signed out. */
export interface StyleLists {
  live: readonly string[] | null;
}

/** The text with its style tag removed, the style id, and any warning. */
export interface StyleExtraction {
  text: string;
  styleId: string | null;
  warnings: string[];
}

// docs/backend-facts.md §4.8: `{style}` anywhere; SHC accepts a tag only without spaces, so `{a b}` stays literal text.
// Inner padding (`{ anime }`) is tolerated. Escaped braces are placeholders here and never match.
const STYLE_TAG_RE = /\{[ \t]*([^{}\s]+)[ \t]*\}/g;

/** Finds every `{style}` tag in (escape-protected) text. */
export function findStyleTags(text: string): string[] {
  return Array.from(text.matchAll(STYLE_TAG_RE), (m) => m[1] ?? '');
}

/**
 * Resolves a style id against the live list, or the fallback when the live list is unavailable.
 * docs/backend-facts.md §4.8 [conflict]: the live ids differ from the proxies' list, so the live list is authoritative.
 */
export function resolveStyle(id: string, styles: StyleLists): { styleId: string; warning: string | null } {
  const wanted = id.trim().replace(/^\{|\}$/g, '');
  const list = styles.live ?? FALLBACK_STYLES;
  const found = list.find((s) => s.toLowerCase() === wanted.toLowerCase());
  if (found !== undefined) {
    const warning =
      styles.live === null
        ? `Sora's current style list could not be loaded (signed out?), so style "${found}" was accepted from the built-in list; it is checked again when the job is sent.`
        : null;
    return { styleId: found, warning };
  }
  const hint = didYouMean(closeMatches(wanted, list));
  const known = styles.live === null ? 'built-in styles' : 'styles Sora offers right now';
  throw promptError(
    'unknown_style',
    `Unknown style "${wanted}".${hint || ` Known ${known}: ${list.join(', ') || 'none'}.`}`,
    { style: wanted, suggestions: closeMatches(wanted, list) },
  );
}

/** Removes `{style}` tags from (escape-protected) text; `explicit` (e.g. a CSV column) must agree with any tag. */
export function extractStyle(
  text: string,
  styles: StyleLists,
  explicit: string | null = null,
): StyleExtraction {
  const tags = new Set(findStyleTags(text).map((t) => t.toLowerCase()));
  const explicitId = explicit?.trim().replace(/^\{|\}$/g, '') || null;
  if (explicitId !== null) tags.add(explicitId.toLowerCase());
  if (tags.size > 1) {
    const list = [...tags].map((t) => `"${t}"`).join(', ');
    throw promptError('multiple_styles', `A prompt can have one style, but this one has ${list}. Keep one.`);
  }
  const [only] = tags;
  const stripped = text.replace(STYLE_TAG_RE, ' ');
  if (only === undefined) return { text: stripped, styleId: null, warnings: [] };
  const { styleId, warning } = resolveStyle(only, styles);
  return { text: stripped, styleId, warnings: warning === null ? [] : [warning] };
}

/** At submit: the error to show if a style accepted from the fallback is not in the live list (null = fine). */
export function verifyStyle(styleId: string | null, live: readonly string[]): string | null {
  if (styleId === null || live.includes(styleId)) return null;
  const hint = didYouMean(closeMatches(styleId, live));
  return `Style "${styleId}" is not offered by Sora right now.${hint || ` Available: ${live.join(', ') || 'none'}.`}`;
}
