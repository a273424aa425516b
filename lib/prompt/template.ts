import { promptError } from './errors';
import { keepEscapes, protectEscapes } from './escape';

/**
 * Templates: `{{name: a | b | c}}` defines a variable with its values, `{{name}}` reuses the value
 * chosen for it, and every combination of values becomes one prompt (first variable varies slowest).
 * Double braces cannot be confused with a `{style}` tag or a `[5.0s]` shot. Escaping: `\{`, `\}`,
 * `\|`, `\[`, `\]` and `\\` are literal characters everywhere in the language; expansion keeps the
 * escapes so the prompt parser reads them. Values may hold a style tag: `{{look: {anime} | {retro}}}`.
 */
export type TemplateSegment =
  | { type: 'text'; text: string }
  | { type: 'define'; name: string; values: string[] }
  | { type: 'ref'; name: string };

/** Default limit of prompts one template may produce (the issue: 500). */
export const DEFAULT_TEMPLATE_CAP = 500;

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const DEFINE_RE = new RegExp(`^\\s*(${NAME})\\s*:([\\s\\S]*)$`);
const REF_RE = new RegExp(`^\\s*(${NAME})\\s*$`);

function bad(message: string): never {
  throw promptError('bad_template', `${message} Escape literal braces as \\{ and \\}.`);
}

/** Index of the `}}` closing a template body that starts at `from`, or -1. Single braces nest. */
function findClose(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === '}' && s[i + 1] === '}') return i;
  }
  return -1;
}

function parseBody(body: string, defined: Set<string>): TemplateSegment {
  if (body.includes('{{')) bad('Templates cannot be nested.');
  const ref = REF_RE.exec(body);
  if (ref?.[1] !== undefined) {
    if (!defined.has(ref[1]))
      bad(`{{${ref[1]}}} is used before it is defined; define it first as {{${ref[1]}: a | b}}.`);
    return { type: 'ref', name: ref[1] };
  }
  const def = DEFINE_RE.exec(body);
  if (def?.[1] === undefined) bad(`"{{${keepEscapes(body)}}}" is not a template; write {{name: a | b}}.`);
  const name = def[1];
  if (defined.has(name))
    bad(`Variable "${name}" is defined twice; define it once and reuse it as {{${name}}}.`);
  const values = (def[2] ?? '').split('|').map((v) => keepEscapes(v.trim()));
  if (values.every((v) => v === '')) bad(`Variable "${name}" has no values; write {{${name}: a | b}}.`);
  defined.add(name);
  return { type: 'define', name, values };
}

/** Parses template source into segments; throws `bad_template` on malformed syntax. */
export function parseTemplate(text: string): TemplateSegment[] {
  const s = protectEscapes(text);
  const out: TemplateSegment[] = [];
  const defined = new Set<string>();
  let pos = 0;
  let open = s.indexOf('{{');
  while (open >= 0) {
    while (s[open + 2] === '{') open++; // `a{{{x: b}}`: the last two braces open, the first is text.
    const close = findClose(s, open + 2);
    if (close < 0) bad(`A template starting at character ${open + 1} is not closed with }}.`);
    if (open > pos) out.push({ type: 'text', text: keepEscapes(s.slice(pos, open)) });
    out.push(parseBody(s.slice(open + 2, close), defined));
    pos = close + 2;
    open = s.indexOf('{{', pos);
  }
  if (pos < s.length) out.push({ type: 'text', text: keepEscapes(s.slice(pos)) });
  return out;
}

/** Template source for segments (inverse of {@link parseTemplate}). */
export function formatTemplate(segments: readonly TemplateSegment[]): string {
  return segments
    .map((seg) => {
      if (seg.type === 'text') return seg.text;
      if (seg.type === 'ref') return `{{${seg.name}}}`;
      const list = seg.values.join(' | ');
      // A trailing `}` right before `}}` would close early; a space keeps it inside.
      return `{{${seg.name}: ${list}${list.endsWith('}') ? ' ' : ''}}}`;
    })
    .join('');
}

function definitions(segments: readonly TemplateSegment[]): { name: string; values: string[] }[] {
  return segments.flatMap((s) => (s.type === 'define' ? [{ name: s.name, values: s.values }] : []));
}

/** How many prompts a template makes, without expanding it (1 for plain text). */
export function countTemplate(text: string): number {
  return definitions(parseTemplate(text)).reduce((n, d) => n * d.values.length, 1);
}

/** Every prompt a template makes, in order; throws `template_over_cap` naming the count when over `cap`. */
export function expandTemplate(text: string, options: { cap?: number } = {}): string[] {
  const cap = options.cap ?? DEFAULT_TEMPLATE_CAP;
  const segments = parseTemplate(text);
  const defs = definitions(segments);
  const total = defs.reduce((n, d) => n * d.values.length, 1);
  if (total > cap) {
    const factors = defs.map((d) => d.values.length).join(' × ');
    throw promptError(
      'template_over_cap',
      `This template makes ${total.toLocaleString('en-US')} prompts (${factors}); the limit is ${cap}. Remove some values or split the template.`,
      { count: total, cap },
    );
  }
  const results: string[] = [];
  for (let k = 0; k < total; k++) {
    const chosen = new Map<string, string>();
    let rest = k;
    for (let d = defs.length - 1; d >= 0; d--) {
      const def = defs[d];
      if (def === undefined) continue;
      chosen.set(def.name, def.values[rest % def.values.length] ?? '');
      rest = Math.floor(rest / def.values.length);
    }
    results.push(segments.map((s) => (s.type === 'text' ? s.text : (chosen.get(s.name) ?? ''))).join(''));
  }
  return results;
}

/** True when text contains template syntax (`{{`, not escaped). */
export function isTemplate(text: string): boolean {
  return protectEscapes(text).includes('{{');
}
