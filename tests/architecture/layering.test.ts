import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImports, describeViolation, importsOf, partOf, rulesFromDoc, sourceFiles } from './import-map';

const ROOT = join(__dirname, '../..');
const FIXTURE = join(__dirname, 'fixtures/tree');
/** What the map covers; `tests/` may import anything and is not scanned. */
const SCANNED = ['lib', 'components', 'entrypoints', 'sim', 'e2e', 'bench', 'scripts', 'wxt.config.ts'];
/** Not parts of the code, but things code may point at (message catalogues, unit-test helpers). */
const OUTSIDE = ['public', 'tests'];

const rules = rulesFromDoc(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));

describe('the import map (docs/architecture.md)', () => {
  it('names every part the code has, each once', () => {
    const parts = rules.map((r) => r.part);
    expect(new Set(parts).size).toBe(parts.length);
    for (const part of ['lib/background', 'lib/ui', 'lib/settings', 'lib/pipeline', 'lib/sora', 'sim', 'e2e'])
      expect(parts).toContain(part);
    // Every part a rule allows is itself a part of the map (or outside the code), so no typo passes.
    for (const rule of rules)
      for (const allowed of rule.mayImport) expect([...parts, ...OUTSIDE]).toContain(allowed.part);
  });

  it('the tree crosses it nowhere (no allowlist)', () => {
    const violations = checkImports(ROOT, sourceFiles(ROOT, SCANNED), rules, OUTSIDE);
    expect(
      violations.map((v) => describeViolation(v)),
      'update docs/architecture.md or remove the import',
    ).toEqual([]);
  });

  it('the map itself keeps the boundary: the pipeline may import no backend, adapters no pipeline', () => {
    const allowed = (part: string): string[] =>
      (rules.find((r) => r.part === part)?.mayImport ?? []).map((a) => a.part);
    for (const backend of ['lib/sora', 'lib/sora/declared.ts', 'lib/backends', 'lib/connections'])
      expect(allowed('lib/pipeline'), backend).not.toContain(backend);
    expect(allowed('lib/pipeline')).toContain('lib/backend');
    expect(allowed('lib/platform')).not.toContain('lib/pipeline');
    // The boundary depends on no backend either.
    expect(allowed('lib/backend')).toEqual(['lib/errors.ts']);
  });
});

describe('the checker', () => {
  it('flags a deliberately crossing import in the fixture tree, and only the real ones', () => {
    const files = sourceFiles(FIXTURE, ['lib']);
    const found = checkImports(FIXTURE, files, rules).map((v) => `${v.file}:${v.line} ${v.reason} ${v.to}`);
    expect(found).toEqual([
      // A value from an adapter where only the port's type may cross (line 3, `import type`, passes).
      'lib/pipeline/uses-ports.ts:4 type-only lib/platform',
      // The pipeline importing the backend.
      'lib/pipeline/uses-ports.ts:5 not-allowed lib/sora',
      // An adapter importing a pipeline step: the crossing the map forbids.
      'lib/platform/crossing-adapter.ts:3 not-allowed lib/pipeline',
    ]);
  });

  it('reads static, multi-line, re-export, side-effect and dynamic imports; not comments or packages', () => {
    const text = [
      "import { a,\n  b } from '../db/jobs';",
      "export type { X } from '@/lib/queue/job';",
      "import '../zod-config';",
      'const m = await import("../prompt/parse");',
      "// import { no } from '../sora/client';",
      "/* import { no2 } from '../sora/client'; */",
      "import { z } from 'zod';",
      // `/*` and `*/` inside strings open and close nothing: the import between them is real.
      "const glob = 'a/*';",
      "import { c } from '../ui/i18n';",
      "const end = '*/';",
    ].join('\n');
    const edges = importsOf('lib/pipeline/x.ts', text).map((e) => [e.target, e.typeOnly]);
    expect(edges).toEqual([
      ['lib/db/jobs', false],
      ['lib/queue/job', true],
      ['lib/zod-config', false],
      ['lib/prompt/parse', false],
      ['lib/ui/i18n', false],
    ]);
  });

  it('assigns a file to the longest part that contains it', () => {
    const parts = ['lib/sora', 'lib/sora/declared.ts', 'entrypoints', 'entrypoints/background'];
    expect(partOf('lib/sora/declared.ts', parts)).toBe('lib/sora/declared.ts');
    expect(partOf('lib/sora/declared', parts)).toBe('lib/sora/declared.ts');
    expect(partOf('lib/sora/client.ts', parts)).toBe('lib/sora');
    expect(partOf('entrypoints/background/index.ts', parts)).toBe('entrypoints/background');
    expect(partOf('entrypoints/popup/main.tsx', parts)).toBe('entrypoints');
    expect(partOf('lib/soraX/a.ts', parts)).toBeNull();
  });
});
