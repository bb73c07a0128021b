// `npm run cluster` as a user runs it: redis-server, a feed node and two edges come up on consecutive ports, each
// URL is printed, Ctrl-C stops every process; and without redis-server it says in one line how to get it.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import type { SymbolSpec } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { getJson, until } from './support/cluster.ts';
import { REPO_ROOT } from './support/tickline-process.ts';

const LAUNCHER = path.join(REPO_ROOT, 'server/src/launch-cluster.ts');
const COMPILED_LAUNCHER = path.join(REPO_ROOT, 'server/scripts/cluster.js');

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** A port with the two after it free as well. */
async function freeRun(length: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all(Array.from({ length }, (_, i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
}

describe('npm run cluster', () => {
  it('starts Redis, a feed node and two edges on consecutive ports, and Ctrl-C stops them all', async () => {
    const base = await freeRun(3);
    // What `npm run cluster` runs: the compiled launcher, whose nodes run the compiled server with plain node.
    const child = spawn(process.execPath, [COMPILED_LAUNCHER, '--seed', '6'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(base) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    try {
      await until(
        () => output.includes('Ctrl-C stops them all'),
        60_000,
        () => `the cluster to come up:\n${output}`,
      );
      expect(output).toContain(`edge       http://127.0.0.1:${base + 1}/`);
      expect(output).toContain(`edge       http://127.0.0.1:${base + 2}/`);
      expect(output).toContain(`feed node  http://127.0.0.1:${base}/api/health`);
      const redisPort = Number(/Redis +redis:\/\/127\.0\.0\.1:(\d+)/.exec(output)?.[1]);
      for (const port of [base + 1, base + 2]) {
        const specs = await getJson<SymbolSpec[]>(`http://127.0.0.1:${port}/api/symbols`);
        expect(specs.length).toBe(8);
        expect(await getJson<{ role: string; feed: string }>(`http://127.0.0.1:${port}/api/health`)).toMatchObject({
          role: 'edge',
        });
      }
      expect(await getJson<{ role: string }>(`http://127.0.0.1:${base}/api/health`)).toMatchObject({ role: 'feed' });
      expect(output).toMatch(/\[feed\] .*feed sim, seed 6/);

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      for (const port of [base, base + 1, base + 2, redisPort]) expect(await portIsFree(port)).toBe(true);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('says in one line how to install redis-server when it is missing', () => {
    // A PATH with node on it and nothing else (node often shares /usr/bin with redis-server).
    const bin = mkdtempSync(path.join(os.tmpdir(), 'tickline-path-'));
    symlinkSync(process.execPath, path.join(bin, 'node'));
    const result = spawnSync(process.execPath, ['--import', 'tsx', LAUNCHER], {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: bin },
      encoding: 'utf8',
    });
    rmSync(bin, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'tickline: npm run cluster needs redis-server: `sudo apt-get install -y redis-server` (Debian, Ubuntu) or `brew install redis`',
    ]);
  });
});
