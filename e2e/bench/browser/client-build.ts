// Makes sure client/dist is a production build of the current sources: builds it when it is missing or older than
// anything it is built from.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const BUILT = path.join(REPO_ROOT, 'client/dist/index.html');
const SOURCES = ['client/src', 'client/public', 'client/index.html', 'client/vite.config.ts', 'shared/src'];

/** Newest modification time (ms) of a file or anything under a folder; 0 when it does not exist. */
function newest(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

export function clientBuildIsFresh(): boolean {
  if (!existsSync(BUILT)) return false;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.every((source) => newest(path.join(REPO_ROOT, source)) <= built);
}

/** Builds the client unless it is fresh (or `force`); resolves with the build's duration in ms, 0 when skipped. */
export async function ensureClientBuild(force = false): Promise<number> {
  if (!force && clientBuildIsFresh()) return 0;
  const started = Date.now();
  await new Promise<void>((resolve, reject) => {
    // NODE_ENV=production: anything else would make vite bundle React's development build.
    const child = spawn('npm', ['run', 'build'], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`npm run build failed (${code}):\n${output}`));
    });
  });
  return Date.now() - started;
}
