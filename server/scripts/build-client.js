// The dashboard's build as the launcher sees it: what it reads, what it writes last, and how to run it quietly.

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLIENT = path.join(ROOT, 'client');

/** vite writes index.html after the assets it names. */
export const CLIENT_STAMP = path.join(CLIENT, 'dist/index.html');
/** What the dashboard's bundle is made of (tests excluded), package versions included. */
export const CLIENT_INPUTS = [
  path.join(CLIENT, 'src'),
  path.join(CLIENT, 'public'),
  path.join(CLIENT, 'index.html'),
  path.join(CLIENT, 'vite.config.ts'),
  path.join(CLIENT, 'package.json'),
  path.join(ROOT, 'shared/src'),
  path.join(ROOT, 'shared/package.json'),
  path.join(ROOT, 'package-lock.json'),
];

/** Runs `vite build` for the client, warnings and errors only; returns whether it succeeded. */
export function buildClient() {
  const result = spawnSync(
    'npm',
    ['run', 'build', '--silent', '--workspace', '@tickline/client', '--', '--logLevel', 'warn'],
    {
      cwd: ROOT,
      // What npm start serves is the production bundle, whatever NODE_ENV the shell (or a test runner) has set:
      // vite would otherwise bundle React's development build.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    },
  );
  return result.status === 0;
}
