import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROMPT_ERROR_CODES } from '@/lib/prompt/errors';
import { errorKey } from '@/lib/ui/messages';
import en from '@/public/_locales/en/messages.json';
import zh from '@/public/_locales/zh_CN/messages.json';

const ROOT = resolve(import.meta.dirname, '../..');
const placeholders = (text: string): string[] => [...new Set(text.match(/\$\d/g) ?? [])].sort();

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, ext);
    return ext.test(name) ? [path] : [];
  });
}

/** UI text written straight into JSX or into an attribute people read, instead of through t(). */
function bypasses(source: string): string[] {
  const found: string[] = [];
  // JSX text between tags: `>Some words<` with no code characters in between.
  for (const m of source.matchAll(/(?<![=-])>([^<>{}=;()`]*[A-Za-z]{2,}[^<>{}=;()`]*)</g)) {
    const text = m[1]!.trim();
    if (text !== '' && !/^[\s\w.]*\s*(\|\||&&|\?)/.test(text)) found.push(text);
  }
  // Attributes a user reads or hears.
  for (const m of source.matchAll(/\b(aria-label|title|placeholder|alt|label)="([^"]*[A-Za-z][^"]*)"/g))
    if (!/^https?:\/\//.test(m[2]!)) found.push(`${m[1]}="${m[2]}"`); // an example address is not prose
  return found;
}

describe('the message catalogue', () => {
  it('has every English message in Chinese too, with the same placeholders', () => {
    const enKeys = Object.keys(en).sort();
    expect(Object.keys(zh).sort()).toEqual(enKeys);
    for (const key of enKeys) {
      const e = (en as Record<string, { message: string }>)[key]!.message;
      const z = (zh as Record<string, { message: string }>)[key]!.message;
      // An English "one" form may say "the job" where Chinese keeps the count.
      if (key.endsWith('_one')) expect(placeholders(e).every((p) => placeholders(z).includes(p))).toBe(true);
      else expect([key, placeholders(z)]).toEqual([key, placeholders(e)]);
    }
  });

  it('gives every plural its "other" form', () => {
    for (const key of Object.keys(en).filter((k) => k.endsWith('_one')))
      expect(Object.keys(en)).toContain(key.replace(/_one$/, '_other'));
  });

  it('translates every error code lib/ produces (prompt language and Sora backend)', () => {
    const sora = readFileSync(join(ROOT, 'lib/sora/errors.ts'), 'utf8');
    const union = sora.slice(
      sora.indexOf('export type SoraErrorCode'),
      sora.indexOf(';', sora.indexOf('export type SoraErrorCode')),
    );
    const soraCodes = [...union.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
    expect(soraCodes.length).toBeGreaterThan(5);
    const missing = [...PROMPT_ERROR_CODES, ...soraCodes].filter((code) => errorKey(code) === null);
    expect(missing).toEqual([]);
  });

  it('finds a string that bypasses the catalogue (the check itself can fail)', () => {
    expect(bypasses('<button type="button">Delete all</button>')).toEqual(['Delete all']);
    expect(bypasses('<input aria-label="Search prompts" />')).toEqual(['aria-label="Search prompts"']);
    expect(bypasses("<button>{t('retry')}</button>")).toEqual([]);
    expect(bypasses('const f = (): Promise<void> => x;')).toEqual([]);
  });

  it('has no user-facing text outside the catalogue in components and pages', () => {
    const sources = [
      ...files(join(ROOT, 'components'), /\.tsx$/),
      ...files(join(ROOT, 'entrypoints'), /\.tsx$/),
    ];
    const found = sources.flatMap((path) =>
      bypasses(readFileSync(path, 'utf8')).map((text) => `${path.slice(ROOT.length + 1)}: ${text}`),
    );
    expect(found).toEqual([]);
  });
});
