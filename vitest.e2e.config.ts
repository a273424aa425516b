import { defineConfig } from 'vitest/config';

const reportDir = process.env.VITEST_REPORT_DIR;

/** End-to-end tests: the built extension in a real Chromium against the Sora simulator. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    // A stray `.only` must fail CI (.ci/run sets CI), never quietly skip the rest of the suite.
    allowOnly: !process.env.CI,
    testTimeout: 90_000,
    hookTimeout: 60_000,
    reporters: reportDir ? ['default', ['json', { outputFile: `${reportDir}/e2e.json` }]] : ['default'],
  },
});
