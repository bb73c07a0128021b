import { defineProject } from 'vitest/config';

// Browser tests start real servers and a real Chromium: one file at a time, generous timeouts.
export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.spec.ts'],
    exclude: ['node_modules/**'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
