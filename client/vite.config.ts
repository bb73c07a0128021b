import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The dev server proxies the socket and the API to the Tickline server (npm run dev starts both).
const target = process.env.TICKLINE_SERVER ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    // No changeOrigin: the server then sees the browser's own Host (localhost:5173) beside its Origin
    // (http://localhost:5173), which is same-origin to its gate with no --allowed-origins (docs/SECURITY.md).
    proxy: {
      '/socket.io': { target, ws: true },
      '/api': { target },
    },
  },
  build: {
    outDir: 'dist',
    // recharts is large; it gets a chunk of its own so the app shell loads first and caches separately.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'charts',
              test: /node_modules[\\/](recharts|d3-|victory|@reduxjs|redux|immer|reselect|decimal\.js)/,
            },
          ],
        },
      },
    },
    chunkSizeWarningLimit: 600,
  },
  test: {
    name: 'client',
    // What needs a document: components (.test.tsx) and the few modules that touch the page (.dom.test.ts). The
    // rest runs without jsdom in client-logic (vitest.logic.config.ts): setting up jsdom cost more than the tests.
    environment: 'jsdom',
    include: ['src/**/*.test.tsx', 'src/**/*.dom.test.ts'],
    setupFiles: ['./vitest.setup.ts'],
  },
});
