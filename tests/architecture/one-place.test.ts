import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-map';

const ROOT = join(__dirname, '../..');
/** The extension's own code (the simulator is a separate implementation of the backend, on purpose). */
const CODE = sourceFiles(ROOT, ['lib', 'components', 'entrypoints', 'wxt.config.ts']);

/**
 * Each domain rule is written once (docs/architecture.md, "Rules that hold everywhere"). A rule
 * written out again somewhere else is a second copy that will drift: use the export instead.
 */
const RULES: readonly { rule: string; pattern: RegExp; home: readonly string[]; use: string }[] = [
  {
    rule: 'the remix id patterns',
    pattern: /s_\[a-f0-9\]\{32\}|gen_\[0-9a-z\]\{26\}/,
    home: ['lib/prompt/remix.ts'],
    use: 'POST_ID_SOURCE, DRAFT_ID_SOURCE, REMIX_ID_RE, isRemixId',
  },
  {
    rule: 'the media host',
    pattern: /videos\.openai\.com/,
    home: ['lib/sora/declared.ts'],
    use: 'SORA_MEDIA_HOSTS, isSoraMediaUrl, SORA_HOST_PATTERNS',
  },
  {
    rule: 'the Pro plan id',
    pattern: /['"]chatgpt_pro['"]/,
    home: ['lib/sora/declared.ts'],
    use: 'SORA_PRO_PLAN, planRefusal',
  },
  {
    rule: 'the concurrency cap of 3',
    pattern: /CAP\s*=\s*3\b|\.max\(3\)|max=\{3\}/,
    home: ['lib/sora/declared.ts'],
    use: 'SORA_CONCURRENCY_CAP',
  },
  {
    rule: 'the job-status sets',
    pattern:
      /\[\s*'generating',\s*'reconciling'\s*\]|\[\s*'queued',\s*'waiting_limit'\s*\]|\[\s*'failed',\s*'canceled'\s*\]/,
    home: ['lib/queue/status.ts'],
    use: 'IN_FLIGHT_STATUSES, PAUSABLE_STATUSES, RETRYABLE_STATUSES, ACTIVE_STATUSES',
  },
  {
    rule: '"a video alone makes a character"',
    pattern: /trim\(\) === ''[^\n]*(video|image)|(video|image)[^\n]*trim\(\) === ''/i,
    home: ['lib/prompt/character.ts'],
    use: 'isCharacterOnly',
  },
  {
    rule: 'the message of anything thrown',
    pattern: /instanceof Error \? \w+\.message : String\(/,
    home: ['lib/errors.ts'],
    use: 'errorMessage',
  },
  {
    rule: 'errors with a code',
    pattern: /Object\.assign\(new Error/,
    home: [],
    use: 'AppError (lib/errors.ts) or the backend error type',
  },
];

describe('each domain rule in one place', () => {
  it.each(RULES)('$rule is written only in its home (use $use)', ({ pattern, home }) => {
    const copies = CODE.filter((file) => !home.includes(file)).filter((file) =>
      pattern.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(copies).toEqual([]);
  });

  it.each(RULES.filter((r) => r.home.length > 0))(
    '$rule is still defined in its home',
    ({ pattern, home }) => {
      // Guards the check itself: a pattern that no longer matches its home would pass vacuously.
      for (const file of home) expect(pattern.test(readFileSync(join(ROOT, file), 'utf8')), file).toBe(true);
    },
  );
});
