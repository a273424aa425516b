import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ciLine, ciTotals, type VitestReport } from '@/scripts/ci-totals';

// Issue 11 item 8: CI cannot pass quietly.

const report = (passed: number, failed = 0, skipped = 0, todo = 0): VitestReport => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: skipped,
  numTodoTests: todo,
});
const floor = Number(readFileSync(join(__dirname, '../../.ci/e2e-floor'), 'utf8').trim());

describe('ciTotals', () => {
  it('sums both runs and counts skipped and todo tests in the final line', () => {
    const totals = ciTotals({ unit: report(100, 0, 2, 1), e2e: report(floor, 0, 0) }, floor);
    expect(ciLine(totals)).toBe(`${100 + floor} passed, 0 failed, 3 skipped`);
  });

  it('an e2e run that executed fewer tests than the floor fails, even with nothing failed', () => {
    const totals = ciTotals({ unit: report(100), e2e: report(floor - 3, 0, 3) }, floor);
    expect(totals.problems).toEqual([expect.stringMatching(/executed \d+ tests, fewer than the floor/)]);
    expect(ciLine(totals)).toMatch(/^\d+ passed, 1 failed, 3 skipped$/);
  });

  it('a run that left no report fails', () => {
    const totals = ciTotals({ unit: report(100), e2e: undefined }, floor);
    expect(ciLine(totals)).toBe('100 passed, 1 failed, 0 skipped');
  });

  it('the CLI exits non-zero under the floor and prints the line last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-totals-'));
    writeFileSync(join(dir, 'unit.json'), JSON.stringify(report(5)));
    writeFileSync(join(dir, 'e2e.json'), JSON.stringify(report(1)));
    const floorFile = join(dir, 'floor');
    writeFileSync(floorFile, '2\n');
    const run = () =>
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ci-totals.ts', dir, floorFile], {
        cwd: join(__dirname, '../..'),
        encoding: 'utf8',
      });
    const failedRun = (() => {
      try {
        run();
        return null;
      } catch (error) {
        return error as { status: number; stdout: string };
      }
    })();
    expect(failedRun?.status).toBe(1);
    expect(failedRun?.stdout).toMatch(/fewer than the floor of 2\b.*\n6 passed, 1 failed, 0 skipped\n$/);
    writeFileSync(floorFile, '1\n');
    expect(run().trim().split('\n').at(-1)).toBe('6 passed, 0 failed, 0 skipped');
  }, 30_000);

  it('the floor is not below the e2e tests the repo has today', () => {
    expect(floor).toBeGreaterThanOrEqual(41);
  });
});

describe('vitest configs under CI', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuse `.only` when CI is set (and allow it locally)', async () => {
    vi.stubEnv('CI', 'true');
    vi.resetModules();
    const e2e = (await import('../../vitest.e2e.config')).default as { test?: { allowOnly?: boolean } };
    expect(e2e.test?.allowOnly).toBe(false);
    const unitSource = readFileSync(join(__dirname, '../../vitest.config.ts'), 'utf8');
    expect(unitSource).toMatch(/allowOnly: !process\.env\.CI/);
    vi.stubEnv('CI', '');
    vi.resetModules();
    const local = (await import('../../vitest.e2e.config')).default as { test?: { allowOnly?: boolean } };
    expect(local.test?.allowOnly).toBe(true);
  });
});
