#!/usr/bin/env node
// Rewrites citations of documents outside the repository to the docs/ files that now hold them:
// "facts §5.2" → "docs/backend-facts.md §5.2", "checklist 8" → "docs/reliability.md §8", and so on.
// Comment- and string-only; idempotent, so it can be run again after merging branches that still
// use the old shorthand. tests/architecture/fact-citations.test.ts fails while any are left.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const DIRS = ['lib', 'sim', 'components', 'entrypoints', 'tests', 'e2e', 'bench', 'scripts'];
const SKIP = new Set(['node_modules', '.output', '.wxt', 'tree']);
const SELF = 'scripts/cite-docs.mjs';
const TEST = 'tests/architecture/fact-citations.test.ts';

/** Rewrites that apply everywhere. */
const GENERAL = [
  [/\b(?:sim\/)?[Ff]acts (?=§\d)/g, 'docs/backend-facts.md '],
  [/\(issue #3 §2\):/g, ':'],
  [/ \(issue #3 §2\)/g, ''],
  [/issue #3 §5/g, 'docs/backend-facts.md §13'],
  [/\b(?:reliability )?[Cc]hecklist (\d+)\b/g, 'docs/reliability.md §$1'],
  [/e2e-recipe §5\(b\)/g, 'docs/chromium-e2e.md §2.1'],
  [/e2e-recipe §5/g, 'docs/chromium-e2e.md §2'],
  [/\(recipe §5\)/g, '(docs/chromium-e2e.md §3)'],
];

/** Bare section signs and seed mentions that mean the facts, file by file (no document is named). */
const SPECIFIC = {
  'lib/prompt/models.ts': [
    ["(the seed README's list)", "(the seed README's list, docs/backend-facts.md §14)"],
  ],
  'lib/prompt/import-jsonl.ts': [
    ["as in the seed's examples;", "as in the seed README's examples (docs/backend-facts.md §14);"],
  ],
  'lib/prompt/content.ts': [
    ['as the seed uses it;', 'as the seed README uses it (docs/backend-facts.md §14);'],
  ],
  'tests/prompt/seed-examples.test.ts': [
    ['of the seed README, as', 'of the seed README (docs/backend-facts.md §14), as'],
  ],
  'lib/sora/client-poll.ts': [
    [
      'it never means "nothing pending" (§5.1)',
      'it never means "nothing pending" (docs/backend-facts.md §5.1)',
    ],
  ],
  'lib/sora/map-error.ts': [
    ['sentinel). §8 step 5 says:', 'sentinel). docs/backend-facts.md §8 step 5 says:'],
  ],
  'lib/sora/create-body.ts': [
    ['/** The §4.1 body for a spec', '/** The create body (docs/backend-facts.md §4.1) for a spec'],
  ],
  'sim/polling.test.ts': [
    ['draft items carry the §5.3 fields', 'draft items carry the docs/backend-facts.md §5.3 fields'],
  ],
  'sim/create.test.ts': [
    ['after charging the §4.2 cost', 'after charging the docs/backend-facts.md §4.2 cost'],
  ],
  'sim/sentinel.test.ts': [
    ['returns the §3.2 JSON string', 'returns the docs/backend-facts.md §3.2 JSON string'],
  ],
  'sim/test-utils.ts': [['A valid §4.1 create body', 'A valid create body (docs/backend-facts.md §4.1)']],
  'tests/sora/client.test.ts': [
    ['device id and the §4.1 body', 'device id and the docs/backend-facts.md §4.1 body'],
    ['// reads carry no sentinel (§3.1)', '// reads carry no sentinel (docs/backend-facts.md §3.1)'],
  ],
  'tests/sora/backend.test.ts': [
    ['the body is the §4.1 subset', 'the body is the docs/backend-facts.md §4.1 subset'],
  ],
  'sim/README.md': [
    [
      '[`../../shared/sora-api.md`](../../shared/sora-api.md) ("facts")',
      '[`docs/backend-facts.md`](../docs/backend-facts.md) ("facts")',
    ],
    [
      '## Behaviour → fact\n',
      '## Behaviour → fact\n\nThe fact column cites sections of `docs/backend-facts.md`.\n',
    ],
    ['`cf-mitigated: challenge`, §7.4)', '`cf-mitigated: challenge`, docs/backend-facts.md §7.4)'],
    ['`sentinelBlock(times)` (§3.1 body', '`sentinelBlock(times)` (docs/backend-facts.md §3.1 body'],
  ],
};

function files(dir, out = []) {
  let entries;
  try {
    entries = readdirSync(join(ROOT, dir), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) files(path, out);
    } else if (/\.(ts|tsx|mts|mjs|json|md)$/.test(e.name)) out.push(path);
  }
  return out;
}

let changed = 0;
for (const file of DIRS.flatMap((d) => files(d))) {
  if (file === SELF || file === TEST) continue;
  const before = readFileSync(join(ROOT, file), 'utf8');
  let text = before;
  for (const [from, to] of SPECIFIC[file] ?? []) {
    // Skipped once applied, so a replacement that keeps its original text is not applied twice.
    if (!text.includes(to)) text = text.split(from).join(to);
  }
  for (const [re, to] of GENERAL) text = text.replace(re, to);
  if (text !== before) {
    writeFileSync(join(ROOT, file), text);
    changed += 1;
    console.log(file);
  }
}
console.log(`${changed} files rewritten`);
