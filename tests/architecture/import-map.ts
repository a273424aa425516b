import { readdirSync, readFileSync } from 'node:fs';
import { join, normalize, posix, relative, sep } from 'node:path';

/** One part of the map and the parts it may import (`typeOnly`: only `import type` / `export type`). */
export interface PartRule {
  part: string;
  mayImport: { part: string; typeOnly: boolean }[];
}

/** An import found in a source file, with the parts on both sides. */
export interface ImportEdge {
  file: string;
  line: number;
  specifier: string;
  target: string;
  typeOnly: boolean;
}

/** A crossing: an import the map does not allow (or a file the map does not name). */
export interface Violation {
  file: string;
  line: number;
  from: string;
  to: string;
  specifier: string;
  reason: 'not-allowed' | 'type-only' | 'unmapped';
}

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIP_DIRS = new Set(['node_modules', '.output', '.wxt', '.git', 'fixtures']);
// Static imports and re-exports (possibly spanning lines), side-effect imports, dynamic imports.
const IMPORT_RE =
  /^[ \t]*(import|export)([ \t]+type\b)?[^;'"`]*?\bfrom[ \t\n]*['"]([^'"]+)['"]|^[ \t]*import[ \t]*['"]([^'"]+)['"]|\bimport\([ \t]*['"]([^'"]+)['"][ \t]*\)/gm;
// Path aliases of WXT's tsconfig: all of them point at the project root.
const ALIASES = ['@@/', '~~/', '@/', '~/'];

/** Every source file under `dirs` (relative to `root`, with forward slashes); fixtures are skipped. */
export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
    }
  };
  for (const dir of dirs) {
    if (SOURCE.test(dir)) out.push(dir);
    else walk(dir);
  }
  return out.sort();
}

/** Comments blanked out (same length, newlines kept) so an import named in a comment is not an import. */
function withoutComments(text: string): string {
  const blank = (m: string): string => m.replace(/[^\n]/g, ' ');
  // Strings first, so `'https://…'` is not taken for a line comment; then block and line comments.
  return text.replace(/(['"`])(?:\\.|(?!\1)[^\\\n])*\1|\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, (m) =>
    m.startsWith('/') ? blank(m) : m,
  );
}

/** The project-internal imports of one file; package imports (`preact`, `zod`) are not the map's concern. */
export function importsOf(file: string, text: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  const code = withoutComments(text);
  for (const m of code.matchAll(IMPORT_RE)) {
    const specifier = m[3] ?? m[4] ?? m[5] ?? '';
    const alias = ALIASES.find((a) => specifier.startsWith(a));
    let target: string;
    if (specifier.startsWith('.')) target = normalize(join(posix.dirname(file), specifier));
    else if (alias) target = specifier.slice(alias.length);
    else continue;
    const line = code.slice(0, m.index).split('\n').length;
    edges.push({ file, line, specifier, target: target.split(sep).join('/'), typeOnly: Boolean(m[2]) });
  }
  return edges;
}

/** The part a path belongs to: the longest part name that is the path or a folder above it. */
export function partOf(path: string, parts: readonly string[]): string | null {
  const bare = path.replace(SOURCE, '');
  let best: string | null = null;
  for (const part of parts) {
    const name = part.replace(SOURCE, '');
    if ((bare === name || bare.startsWith(`${name}/`)) && (!best || name.length > best.length)) best = part;
  }
  return best;
}

/** Whether part `inner` is nested inside part `outer` (`lib/sora/declared.ts` inside `lib/sora`). */
function within(inner: string, outer: string): boolean {
  return inner.replace(SOURCE, '').startsWith(`${outer.replace(SOURCE, '')}/`);
}

/** Every import in `files` that the rules do not allow. Imports within one part are always fine. */
export function checkImports(
  root: string,
  files: readonly string[],
  rules: readonly PartRule[],
  outside: readonly string[] = [],
): Violation[] {
  const parts = [...rules.map((r) => r.part), ...outside];
  const byPart = new Map(rules.map((r) => [r.part, r]));
  const violations: Violation[] = [];
  for (const file of files) {
    const from = partOf(file, parts);
    if (!from || !byPart.has(from)) {
      violations.push({ file, line: 0, from: '?', to: '?', specifier: '', reason: 'unmapped' });
      continue;
    }
    for (const edge of importsOf(file, readFileSync(join(root, file), 'utf8'))) {
      const to = partOf(edge.target, parts) ?? edge.target;
      // Within a part, and into a leaf nested in it (lib/ui → lib/ui/i18n.ts), is always fine.
      if (to === from || within(to, from)) continue;
      // Allowing a part allows the leaves nested in it (components → lib/ui covers lib/ui/i18n.ts).
      const allowed = byPart.get(from)?.mayImport.find((m) => m.part === to || within(to, m.part));
      if (allowed && (!allowed.typeOnly || edge.typeOnly)) continue;
      const reason = allowed ? 'type-only' : 'not-allowed';
      violations.push({ file, line: edge.line, from, to, specifier: edge.specifier, reason });
    }
  }
  return violations;
}

/**
 * The rules as docs/architecture.md states them: every table row under "## The map" whose first
 * cell is a backticked part; the last cell lists what it may import, "(types only)" after a name.
 */
export function rulesFromDoc(markdown: string): PartRule[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('The map')) ?? '';
  const rules: PartRule[] = [];
  for (const row of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const cells = row.split('|').slice(1, -1);
    const part = /`([^`]+)`/.exec(cells[0] ?? '')?.[1];
    if (!part) continue;
    const last = cells[cells.length - 1] ?? '';
    const mayImport = [...last.matchAll(/`([^`]+)`(\s*\(types only\))?/g)].map((m) => ({
      part: m[1] ?? '',
      typeOnly: Boolean(m[2]),
    }));
    rules.push({ part, mayImport });
  }
  return rules;
}

/** One violation as a readable line for a failing test. */
export function describeViolation(v: Violation, root = ''): string {
  const where = `${relative(root, join(root, v.file))}:${v.line}`;
  if (v.reason === 'unmapped') return `${where} is in no part of docs/architecture.md's map`;
  const how = v.reason === 'type-only' ? 'may only import types from' : 'may not import';
  return `${where}: ${v.from} ${how} ${v.to} ('${v.specifier}')`;
}
