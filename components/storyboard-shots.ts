import { parsePrompt } from '@/lib/prompt/parse';
import { storyboardSource } from '@/lib/prompt/storyboard';
import type { StoryboardDraft } from '@/lib/ui/drafts';
import { t } from '@/lib/ui/i18n';
import { errorText } from '@/lib/ui/messages';

/** A shot row while editing: its draft fields plus a key that tells rows apart. */
export interface Shot {
  key: number;
  durationS: number;
  text: string;
}

let nextKey = 1;
/** A fresh row (5 s, empty by default). */
export const newShot = (durationS = 5, text = ''): Shot => ({ key: nextKey++, durationS, text });

/** Keys only tell rows apart while editing; a restored draft gets fresh ones. */
const keyed = new WeakMap<object, number>();
export function withKeys(shots: StoryboardDraft['shots']): Shot[] {
  return shots.map((s) => {
    const key = keyed.get(s) ?? nextKey++;
    keyed.set(s, key);
    return { key, durationS: s.durationS, text: s.text };
  });
}

/** The draft's shots for the rows, each stored shot keeping its row's key. */
export function withoutKeys(list: readonly Shot[]): StoryboardDraft['shots'] {
  const stored = list.map((s) => ({ durationS: s.durationS, text: s.text }));
  for (const [i, s] of stored.entries()) keyed.set(s, list[i]!.key);
  return stored;
}

/** The list with one item moved to another place (clamped to the ends). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(Math.max(0, Math.min(copy.length, to)), 0, item);
  return copy;
}

/** What will be sent, or why not: the prompt language's own verdict on the shots. */
export function verdict(shots: readonly Shot[], instructions: string, model: string) {
  const filled = shots.filter((s) => s.text.trim() !== '');
  if (filled.length === 0)
    return { source: '', error: t('storyboardEmpty'), preview: '', warnings: [] as string[] };
  const source = storyboardSource(filled, instructions.trim() || null);
  const parsed = parsePrompt(source, { model, styles: { live: null } });
  if (!parsed.ok) return { source, error: errorText(parsed.error), preview: '', warnings: [] };
  const preview = parsed.request.kind === 'video' ? parsed.request.prompt : '';
  return { source, error: null, preview, warnings: parsed.warnings, request: parsed.request };
}
