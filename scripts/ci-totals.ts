// `.ci/run`'s verdict from the JSON reports vitest wrote: one plain line "N passed, N failed, N skipped",
// and a failure when the e2e run executed fewer tests than the floor kept in `.ci/e2e-floor`
// (a stray skip, a crashed file or a filter must not let CI pass quietly).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fields of vitest's JSON report that CI counts. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  /** Why the run fails beyond failed tests (missing report, under the floor), one line each. */
  problems: string[];
}

/** Sums the unit and e2e reports and checks the e2e floor. */
export function ciTotals(reports: Record<string, VitestReport | undefined>, e2eFloor: number): Totals {
  const totals: Totals = { passed: 0, failed: 0, skipped: 0, problems: [] };
  for (const [name, report] of Object.entries(reports)) {
    if (!report) {
      totals.problems.push(`no ${name} report: that run did not finish`);
      continue;
    }
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  }
  const e2e = reports.e2e;
  const executed = e2e ? e2e.numPassedTests + e2e.numFailedTests : 0;
  if (e2e && executed < e2eFloor)
    totals.problems.push(
      `the e2e run executed ${executed} tests, fewer than the floor of ${e2eFloor} (.ci/e2e-floor)`,
    );
  return totals;
}

/** The final line; "N passed, N failed" stays first for tools that read it. */
export function ciLine(totals: Totals): string {
  const failed = totals.failed + totals.problems.length;
  return `${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped`;
}

function readReport(dir: string, name: string): VitestReport | undefined {
  const file = join(dir, `${name}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VitestReport) : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, floorFile] = process.argv.slice(2);
  if (!dir || !floorFile) throw new Error('usage: tsx scripts/ci-totals.ts <report dir> <floor file>');
  const floor = Number(readFileSync(floorFile, 'utf8').trim());
  if (!Number.isInteger(floor) || floor < 0) throw new Error(`${floorFile} must hold a whole number`);
  const found = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const names = ['unit', 'e2e', ...found.map((f) => f.replace(/\.json$/, ''))];
  const reports = Object.fromEntries([...new Set(names)].map((name) => [name, readReport(dir, name)]));
  const totals = ciTotals(reports, floor);
  for (const problem of totals.problems) console.log(problem);
  console.log(ciLine(totals));
  process.exitCode = totals.failed + totals.problems.length > 0 ? 1 : 0;
}
