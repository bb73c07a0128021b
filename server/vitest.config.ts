import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'server',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Integration tests wait for real servers on loopback; on a loaded 2-core machine that takes a while.
    testTimeout: 20_000,
  },
});
