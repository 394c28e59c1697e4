import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Integration tests that need servers report themselves skipped; keep the pool small on 2 cores.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
