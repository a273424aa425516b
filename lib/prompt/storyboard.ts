import { promptError } from './errors';
import { escapeText, oneLine, protectEscapes, restoreEscapes } from './escape';
import { familyDurations, type VideoModelSpec, withDuration } from './models';

/** One storyboard shot. */
export interface StoryboardShot {
  durationS: number;
  text: string;
}

/** Shots plus the free text before the first shot ("instructions", docs/backend-facts.md §4.7). */
export interface Storyboard {
  shots: StoryboardShot[];
  instructions: string | null;
}

/** The longest any model runs (docs/backend-facts.md §4.2: 25 s); no single shot may be longer. */
export const MAX_STORYBOARD_S = 25;

// docs/backend-facts.md §4.7: the proxies' trigger is `\[\d+(?:\.\d+)?s\]`.
const SHOT_TAG_RE = /\[(\d+(?:\.\d+)?)s\]/gi;
// Things that look meant as a duration but are not in the `[5.0s]` form.
const LOOSE_TAG_RE = /\[\s*[-+]?(?:\d+(?:[.,]\d*)?|[.,]\d+)\s*(?:s|secs?|seconds?)?\s*\]/gi;
const UNITLESS_RE = /^\[\s*[-+]?[\d.,]+\s*\]$/;
const BACKEND_SHOT_RE = /Shot (\d+):\nduration: (\d+(?:\.\d+)?)sec\nScene: ([^\n]*)/g;
const INSTRUCTIONS_MARK = '\n\ninstructions:\n';
const TIMELINE_MARK = 'current timeline:\n';

/** True when (escape-protected) text contains at least one `[5.0s]` shot tag. */
export function hasShotTags(text: string): boolean {
  return new RegExp(SHOT_TAG_RE.source, 'i').test(text);
}

/** Duration as the backend format writes it: SHC echoes `5.0`, so whole numbers keep one decimal. */
export function formatDuration(durationS: number): string {
  return Number.isInteger(durationS) ? durationS.toFixed(1) : String(durationS);
}

function checkDuration(raw: string, durationS: number, shot: number): void {
  const hundredths = durationS * 100;
  if (
    !(durationS > 0) ||
    durationS > MAX_STORYBOARD_S ||
    Math.abs(hundredths - Math.round(hundredths)) > 1e-6
  ) {
    throw promptError(
      'bad_duration',
      `Shot ${shot} has duration "${raw}"; a shot lasts more than 0 and at most ${MAX_STORYBOARD_S} seconds, with up to two decimals, e.g. [5.0s].`,
    );
  }
}

function checkLooseTags(text: string, isStoryboard: boolean): void {
  for (const match of text.matchAll(LOOSE_TAG_RE)) {
    const tag = match[0];
    if (new RegExp(`^${SHOT_TAG_RE.source}$`, 'i').test(tag)) continue;
    if (!isStoryboard && UNITLESS_RE.test(tag)) continue;
    throw promptError(
      'bad_duration',
      `"${tag}" is not a shot duration. Write shots as [5.0s] or [5s]: a number, then "s", in square brackets.`,
    );
  }
}

/** Parses `[5.0s]shot` syntax in escape-protected text; returns null when it has no shot tags. */
export function parseShotTags(protectedText: string): Storyboard | null {
  const isStoryboard = hasShotTags(protectedText);
  checkLooseTags(protectedText, isStoryboard);
  if (!isStoryboard) return null;
  const matches = [...protectedText.matchAll(SHOT_TAG_RE)];
  const first = matches[0]?.index ?? 0;
  const instructions = oneLine(restoreEscapes(protectedText.slice(0, first)));
  const shots = matches.map((m, i): StoryboardShot => {
    const start = (m.index ?? 0) + m[0].length;
    const end = matches[i + 1]?.index ?? protectedText.length;
    const durationS = Number(m[1]);
    checkDuration(m[1] ?? '', durationS, i + 1);
    const text = oneLine(restoreEscapes(protectedText.slice(start, end)));
    if (text === '') {
      throw promptError(
        'bad_storyboard',
        `Shot ${i + 1} (${m[0]}) has no description. Write what happens after the duration.`,
      );
    }
    return { durationS, text };
  });
  return { shots, instructions: instructions === '' ? null : instructions };
}

function parseBackendFormat(text: string): Storyboard | null {
  const body = text.startsWith(TIMELINE_MARK) ? text.slice(TIMELINE_MARK.length) : text;
  if (!body.startsWith('Shot 1:\n')) return null;
  const mark = body.indexOf(INSTRUCTIONS_MARK);
  const shotPart = mark < 0 ? body : body.slice(0, mark);
  const shots = [...shotPart.matchAll(BACKEND_SHOT_RE)].map((m, i): StoryboardShot => {
    const durationS = Number(m[2]);
    checkDuration(m[2] ?? '', durationS, i + 1);
    return { durationS, text: oneLine(m[3] ?? '') };
  });
  if (shots.length === 0 || shots.some((s) => s.text === '')) return null;
  const instructions = mark < 0 ? '' : oneLine(body.slice(mark + INSTRUCTIONS_MARK.length));
  return { shots, instructions: instructions === '' ? null : instructions };
}

/** Parses a storyboard written as `[5.0s]shot` tags or in the backend's `Shot 1:` format; throws `bad_storyboard` if it has no shots. */
export function parseStoryboard(text: string): Storyboard {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  const board = parseBackendFormat(normalized) ?? parseShotTags(protectEscapes(normalized));
  if (board === null) {
    throw promptError(
      'bad_storyboard',
      'No storyboard shots found. Start each shot with its duration, e.g. [5.0s]A cat jumps.',
    );
  }
  return board;
}

/** The backend storyboard prompt, in SHC's `format_storyboard_prompt` layout (docs/backend-facts.md §4.7). */
export function formatStoryboard(shots: readonly StoryboardShot[], instructions: string | null): string {
  const timeline = shots
    .map((s, i) => `Shot ${i + 1}:\nduration: ${formatDuration(s.durationS)}sec\nScene: ${s.text}`)
    .join('\n\n');
  return instructions ? `${TIMELINE_MARK}${timeline}${INSTRUCTIONS_MARK}${instructions}` : timeline;
}

/** The editable `[5.0s]shot` source for a storyboard, one shot per line, specials escaped. */
export function storyboardSource(shots: readonly StoryboardShot[], instructions: string | null): string {
  const lines = shots.map((s) => `[${formatDuration(s.durationS)}s]${escapeText(s.text)}`);
  return (instructions ? [escapeText(instructions), ...lines] : lines).join('\n');
}

/** Total length of the shots in seconds (rounded to hundredths, so 0.1 steps add up exactly). */
export function storyboardSeconds(shots: readonly StoryboardShot[]): number {
  return Math.round(shots.reduce((sum, s) => sum + s.durationS, 0) * 100) / 100;
}

/**
 * The model a storyboard runs on: the chosen one if the shots fit, else the shortest of its family
 * that fits, with a warning (docs/backend-facts.md §4.7: proxies don't check; the seed's 20 s on a 10 s model).
 */
export function fitStoryboard(
  spec: VideoModelSpec,
  shots: readonly StoryboardShot[],
): {
  spec: VideoModelSpec;
  warning: string | null;
} {
  const total = storyboardSeconds(shots);
  if (total <= spec.durationS) return { spec, warning: null };
  const durations = familyDurations(spec.family);
  const fit = durations.find((d) => d >= total);
  if (fit === undefined) {
    const longest = durations[durations.length - 1] ?? spec.durationS;
    throw promptError(
      'storyboard_too_long',
      `The shots add up to ${total} s, but ${spec.family} models run at most ${longest} s. Shorten or remove shots.`,
      { totalS: total, maxS: longest },
    );
  }
  const next = withDuration(spec, fit);
  const pro = next.requiresPro && !spec.requiresPro ? ' That length needs a ChatGPT Pro plan.' : '';
  return {
    spec: next,
    warning: `The shots add up to ${total} s, longer than ${spec.name} (${spec.durationS} s), so this is queued as a ${fit} s storyboard (${next.name}).${pro}`,
  };
}
