// `npm start` answers --help and a bad flag at once, before building anything, and prints no build output: the
// check is the compiled server's own, run before the dashboard's build.

import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/tickline-process.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function npmStart(args: string[]): Promise<Run> {
  const started = Date.now();
  const child = spawn('npm', ['start', '--silent', '--', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })),
  );
}

const DASHBOARD = path.join(REPO_ROOT, 'client/dist/index.html');
const builtAt = () => statSync(DASHBOARD, { throwIfNoEntry: false })?.mtimeMs;
/** What a build would print: the launcher's line, vite's report. */
const BUILD_OUTPUT = /building|compiled|vite|built in|transforming|modules/i;

describe('npm start', () => {
  it('prints the help and nothing else, within a couple of seconds', async () => {
    const before = builtAt();
    const run = await npmStart(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^usage: npm start -- \[options\]\n/);
    expect(run.stdout).toContain('--seed X');
    expect(run.stdout + run.stderr).not.toMatch(BUILD_OUTPUT);
    expect(run.stderr).toBe('');
    expect(builtAt()).toBe(before);
    // At once: npm, node and the compiled check only (a generous bound for a loaded 2-core machine).
    expect(run.ms).toBeLessThan(5000);
  });

  it('refuses a bad flag with one sentence and exit code 1, building nothing', async () => {
    const before = builtAt();
    const run = await npmStart(['--seed', 'abc']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('tickline: --seed must be a whole number from 0 to 4294967295 (got "abc"); see --help\n');
    expect(run.stdout).toBe('');
    expect(builtAt()).toBe(before);
    expect(run.ms).toBeLessThan(5000);
  });
});
