import { configDefaults, defineConfig } from 'vitest/config';
import client from './vite.config.ts';

// The client's plain modules (market state, charts' geometry, alerts, formats): tested in Node, with no jsdom to set
// up per file. A test that needs a document is named .dom.test.ts and runs in the client project instead.
export default defineConfig({
  plugins: client.plugins,
  test: {
    name: 'client-logic',
    environment: 'node',
    include: ['src/**/*.test.ts'],
    exclude: [...configDefaults.exclude, 'src/**/*.dom.test.ts'],
  },
});
