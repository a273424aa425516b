import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const reportDir = process.env.VITEST_REPORT_DIR;

/** Unit, component and simulator tests: fake browser, fake IndexedDB, no real Chromium. */
export default defineConfig({
  plugins: [WxtVitest()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    include: ['tests/**/*.test.{ts,tsx}', 'sim/**/*.test.ts'],
    // The product's zod set-up (no code generation, English messages), as every entrypoint loads it first.
    setupFiles: ['fake-indexeddb/auto', './lib/zod-config.ts'],
    environment: 'node',
    restoreMocks: true,
    // Property tests run thousands of cases; on a loaded 2-core machine 5 s is not enough for them.
    // (Timing assertions use fake timers, so a longer limit hides no slowness.)
    testTimeout: 20_000,
    // A stray `.only` must fail CI (.ci/run sets CI), never quietly skip the rest of the suite.
    allowOnly: !process.env.CI,
    // .ci/run sums these JSON reports into its final "N passed, N failed" line.
    reporters: reportDir ? ['default', ['json', { outputFile: `${reportDir}/unit.json` }]] : ['default'],
  },
});
