import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkImports,
  describeViolation,
  importsOf,
  partOf,
  rulesFromDoc,
  sourceFiles,
  type Violation,
} from './import-map';

const ROOT = join(__dirname, '../..');
const FIXTURE = join(__dirname, 'fixtures/tree');
/** What the map covers; `tests/` may import anything and is not scanned. */
const SCANNED = ['lib', 'components', 'entrypoints', 'sim', 'e2e', 'bench', 'scripts', 'wxt.config.ts'];
/** Not parts of the code, but things code may point at (message catalogues, unit-test helpers). */
const OUTSIDE = ['public', 'tests'];

const rules = rulesFromDoc(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));

/**
 * Crossings that exist today and that the backend-boundary rewrite removes (docs/architecture.md,
 * "Where the map is going"), file by file. A new crossing fails the test; so does an entry here that
 * no longer crosses, so the list only ever shrinks.
 */
const KNOWN_CROSSINGS: readonly { file: string; to: string; why: string }[] = [
  // lib/pipeline → lib/sora: the pipeline still takes the full Sora backend and its error type.
  { file: 'lib/pipeline/characters.ts', to: 'lib/sora', why: 'character status types' },
  { file: 'lib/pipeline/context.ts', to: 'lib/sora', why: 'FullBackend, PollResult' },
  { file: 'lib/pipeline/download.ts', to: 'lib/sora', why: 'isSoraError for media-link errors' },
  { file: 'lib/pipeline/extras.ts', to: 'lib/sora', why: 'RecentTask, snapshots of extra tasks' },
  { file: 'lib/pipeline/match.ts', to: 'lib/sora', why: 'RecentTask, matchesCreate' },
  { file: 'lib/pipeline/reconcile.ts', to: 'lib/sora', why: 'RecentTask' },
  { file: 'lib/pipeline/errors.ts', to: 'lib/sora', why: 'classifies SoraError only' },
  { file: 'lib/pipeline/modes/types.ts', to: 'lib/sora', why: 'CreateOutcome' },
  { file: 'lib/pipeline/modes/video.ts', to: 'lib/sora', why: 'GenerationSpec with Sora ids' },
  { file: 'lib/pipeline/poll.ts', to: 'lib/sora', why: 'reconcile, snapshots' },
  { file: 'lib/pipeline/result-link.ts', to: 'lib/sora', why: 'media hosts → Backend.declares.media' },
  { file: 'lib/pipeline/submit.ts', to: 'lib/sora', why: 'SoraError codes, backoff, plan rule' },
  { file: 'lib/pipeline/thumbnail.ts', to: 'lib/sora', why: 'fetchSignedMedia' },
  { file: 'lib/pipeline/tick.ts', to: 'lib/sora', why: 'cap of 3 → Backend.declares.concurrency' },
  { file: 'lib/pipeline/uploads.ts', to: 'lib/sora', why: 'UploadRef' },
  // lib/settings → lib/sora: the token cache's type; the cache moves into lib/sora with the boundary.
  { file: 'lib/settings/items.ts', to: 'lib/sora', why: 'CachedToken type' },
];

/** A crossing into `to` or any file inside it (`lib/sora` covers `lib/sora/declared.ts`). */
function crossesInto(v: Violation, k: { file: string; to: string }): boolean {
  return v.file === k.file && (v.to === k.to || v.to.startsWith(`${k.to}/`));
}

function isKnown(v: Violation): boolean {
  return v.reason === 'not-allowed' && KNOWN_CROSSINGS.some((k) => crossesInto(v, k));
}

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

  it('the tree crosses it nowhere, apart from the known crossings listed above', () => {
    const violations = checkImports(ROOT, sourceFiles(ROOT, SCANNED), rules, OUTSIDE);
    const fresh = violations.filter((v) => !isKnown(v)).map((v) => describeViolation(v));
    expect(fresh, 'update docs/architecture.md or remove the import').toEqual([]);
  });

  it('every known crossing still exists (remove an entry once its import is gone)', () => {
    const violations = checkImports(ROOT, sourceFiles(ROOT, SCANNED), rules, OUTSIDE);
    const stale = KNOWN_CROSSINGS.filter((k) => !violations.some((v) => crossesInto(v, k)));
    expect(stale.map((k) => `${k.file} → ${k.to}`)).toEqual([]);
  });

  it('the target holds outside the list: adapters import no pipeline, the pipeline no lib/sora', () => {
    const files = sourceFiles(ROOT, ['lib']);
    const platform = checkImports(ROOT, files, rules, OUTSIDE).filter((v) => v.from === 'lib/platform');
    expect(platform.map((v) => describeViolation(v))).toEqual([]);
    // The only crossings the allowlist may name are the pipeline's and the token cache's Sora imports.
    const kinds = new Set(KNOWN_CROSSINGS.map((k) => `${k.file.split('/').slice(0, 2).join('/')} → ${k.to}`));
    expect([...kinds].sort()).toEqual(['lib/pipeline → lib/sora', 'lib/settings → lib/sora']);
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
