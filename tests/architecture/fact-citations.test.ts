import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-map';

const ROOT = join(__dirname, '../..');
const SELF = 'tests/architecture/fact-citations.test.ts';

/** Everything a newcomer reads: code, tests, fixtures, READMEs and docs. */
function readable(): string[] {
  const dirs = ['lib', 'sim', 'components', 'entrypoints', 'tests', 'e2e', 'bench', 'scripts', 'docs'];
  const files = [...sourceFiles(ROOT, dirs), ...jsonAndMarkdown(dirs), 'README.md', 'wxt.config.ts'];
  return [...new Set(files)].filter((f) => f !== SELF && !f.includes('/fixtures/tree/'));
}

function jsonAndMarkdown(dirs: readonly string[]): string[] {
  // sourceFiles skips fixture folders for the import map; citations in JSON fixtures count here.
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(path);
      else if (/\.(json|md)$/.test(entry.name)) out.push(path);
    }
  };
  for (const dir of dirs) {
    try {
      walk(dir);
    } catch {
      // a folder this checkout does not have
    }
  }
  return out;
}

/** The numbered headings of a doc: `## 5. Polling` → 5, `### 5.2 Deciding…` → 5.2. */
function sectionsOf(doc: string): Set<string> {
  const text = readFileSync(join(ROOT, 'docs', doc), 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/gm)].map((m) => m[1] ?? ''));
}

/** A citation: a file under docs/ and the chain of sections after it (`§4.4, §4.9`, `§5.1–§5.3`). */
const CITATION = /docs\/([a-z0-9-]+\.md)((?:\s*(?:,|\/|–|-|and)?\s*§\d+(?:\.\d+)*)+)/g;

/** Documents that live outside this repository, or old shorthand that named them. */
const OUTSIDE =
  /sora-api\.md|backend-shapes\.md|\.\.\/shared\b|\/work\/shared|e2e-recipe|\brecipe §|reliability checklist|\bchecklist \d|ui-contract\.md|issue #\d+ §|\bfacts §/i;

/** Files whose bare `§n` (not after a document's name, not a source's own `SV §n`) mean the facts. */
const BARE_MEANS_FACTS = ['sim/README.md'];

function citationsIn(text: string): { doc: string; section: string }[] {
  const found: { doc: string; section: string }[] = [];
  for (const m of text.matchAll(CITATION))
    for (const s of (m[2] ?? '').matchAll(/§(\d+(?:\.\d+)*)/g))
      found.push({ doc: m[1] ?? '', section: s[1] ?? '' });
  return found;
}

function bareFactsIn(text: string): string[] {
  const rest = text.replace(CITATION, ' ').replace(/\b(SV|RFC \d+) §\d+(?:\.\d+)*/g, ' ');
  return [...rest.matchAll(/§(\d+(?:\.\d+)*)/g)].map((m) => m[1] ?? '');
}

describe('fact citations point at sections that exist, in this repository', () => {
  const files = readable();
  const sections = new Map<string, Set<string>>();
  const known = (doc: string): Set<string> | null => {
    if (!sections.has(doc)) {
      try {
        sections.set(doc, sectionsOf(doc));
      } catch {
        return null;
      }
    }
    return sections.get(doc) ?? null;
  };

  it('every `docs/<file>.md §n` names a file and a numbered section in it', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      for (const { doc, section } of citationsIn(text)) {
        if (!known(doc)?.has(section)) broken.push(`${file}: docs/${doc} §${section}`);
      }
      if (BARE_MEANS_FACTS.includes(file))
        for (const section of bareFactsIn(text))
          if (!known('backend-facts.md')?.has(section)) broken.push(`${file}: §${section}`);
    }
    expect(broken).toEqual([]);
  });

  it('nothing cites a document outside the repository (or the old "facts §n" shorthand)', () => {
    const outside: string[] = [];
    for (const file of files) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        const m = OUTSIDE.exec(line);
        if (m) outside.push(`${file}:${i + 1}: ${m[0]}`);
      });
    }
    expect(outside, 'cite docs/backend-facts.md (or docs/*.md) by section instead').toEqual([]);
  });

  it('the checks can fail: they catch a missing section, an outside document and the old shorthand', () => {
    expect(citationsIn('see docs/backend-facts.md §5.1–§5.3, §99.9')).toEqual([
      { doc: 'backend-facts.md', section: '5.1' },
      { doc: 'backend-facts.md', section: '5.3' },
      { doc: 'backend-facts.md', section: '99.9' },
    ]);
    expect(known('backend-facts.md')?.has('99.9')).toBe(false);
    expect(known('backend-facts.md')?.has('5.2')).toBe(true);
    for (const bad of ['facts §5.1', 'Facts §4.2', 'see ../shared/sora-api.md', 'recipe §5', '(checklist 8)'])
      expect(OUTSIDE.test(bad), bad).toBe(true);
    expect(OUTSIDE.test('docs/backend-facts.md §5.1 (SV §8.3)')).toBe(false);
    expect(bareFactsIn('| §2.1, docs/chromium-e2e.md §2.1 | §5.2 (SV §8.3) |')).toEqual(['2.1', '5.2']);
  });
});
