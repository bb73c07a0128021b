import { defineConfig } from 'vitest/config';

// One runner for every layer: unit and component tests per workspace, then the browser tests.
export default defineConfig({
  test: {
    projects: ['shared', 'server', 'client', 'client/vitest.logic.config.ts', 'e2e'],
  },
});
