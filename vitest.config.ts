import { defineConfig } from 'vitest/config';

// Unit and integration tests (plain Node, real servers on 127.0.0.1). e2e/ belongs to Playwright.
export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'common/**/*.test.ts',
      'preload/**/*.test.ts',
      'simulator/**/*.test.ts',
      'renderer/**/*.test.ts',
      'bench/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
