import { defineConfig } from 'vitest/config';

/** End-to-end tests: the built extension in a real Chromium against the Sora simulator. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
