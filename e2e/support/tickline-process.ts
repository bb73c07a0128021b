// Runs Tickline the way a user does (`npm start`, which builds what changed and starts the compiled server) on a
// free loopback port, and stops it again.

import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tickline/server';

export { freePort };

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface TicklineProcess {
  url: string;
  port: number;
  /** Its process group (npm and the server under it). */
  pgid: number;
  output(): string;
  /** Ends it gracefully (SIGTERM to its process group; SIGKILL after 5 s). */
  stop(): Promise<void>;
  /** Crashes it: SIGKILL to its whole process group, no shutdown code runs; resolves once it has exited. */
  kill(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  /** Extra flags after `npm start --`. */
  args?: string[];
  /** `npm start` (builds what changed, then serves) by default; `serve` never builds the client. */
  script?: 'start' | 'serve';
  /** Extra environment (secrets such as TICKLINE_ADMIN_TOKEN come from the environment only). */
  env?: Record<string, string>;
}

export async function startTickline(options: StartOptions = {}): Promise<TicklineProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn('npm', ['run', options.script ?? 'start', '--', ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    // NODE_ENV from the test runner would make vite build React's development bundle.
    env: { ...process.env, ...options.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends npm and the node server under it
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/api/health`, child, () => output);
  return {
    url,
    port,
    pgid: child.pid!,
    output: () => output,
    stop: () => stopGroup(child),
    kill: () => killGroup(child),
  };
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string, ms = 90_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`tickline exited early (${child.exitCode}):\n${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`tickline did not answer ${url} within ${ms} ms:\n${output()}`);
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  // npm dies of the signal at once, without waiting for the server under it: wait for the whole group, so that
  // whatever the server does on its way out (a feed node's final snapshots) is done when this resolves.
  const deadline = Date.now() + 6000;
  while (groupRunning(child.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  clearTimeout(timer);
}

/**
 * Whether a process of group `pgid` is still running. Exited ones count as gone even before they are reaped (this
 * container's init reaps orphans only every second or so); without /proc, any member counts.
 */
function groupRunning(pgid: number): boolean {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  return pids.some((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && state !== 'Z';
    } catch {
      return false; // gone meanwhile
    }
  });
}

async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    return;
  }
  await exited;
}
