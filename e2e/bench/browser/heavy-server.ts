// Starts and stops the benchmark's server in a process of its own, so its work is not on the event loop that
// drives the browser and reads the clock.

import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface HeavyServer {
  url: string;
  pid: number;
  /** Server-side counters (GET /api/stats totals): market updates sent and resyncs asked for so far. */
  totals(): Promise<{ updatesSent: number; resyncs: number }>;
  stop(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./heavy-server-main.ts', import.meta.url));

/**
 * The market's server stands in for a remote one (a trader's browser does not share its cores with the server it
 * reads), so on the bench's two cores it collects its garbage on its own thread. Left to V8's default it marked and
 * swept on four threads at once, ~100 ms of CPU every 15–25 s, and the page's frame task waited for a core through
 * it. In 30 s windows without the flag, 23 long tasks in 20 windows, 5 of them clean; with it, 9 in 19, 12 clean.
 * Running the server at nice 10 made no difference of its own (docs/BENCHMARKS.md, sixth round).
 */
const SERVER_NODE_ARGS = ['--single-threaded-gc'];

export async function startHeavyServer(load: { symbols: number; ratePerSecond: number }): Promise<HeavyServer> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, '--import', 'tsx', ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      BENCH_SYMBOLS: String(load.symbols),
      BENCH_RATE: String(load.ratePerSecond),
    },
    // A pipe on stdin that only closes when this process ends: the server exits with it (heavy-server-main.ts).
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the benchmark server did not start');
  const url = await firstLine(child);
  return {
    url,
    pid,
    async totals() {
      const res = await fetch(`${url}/api/stats`);
      const { totals } = (await res.json()) as { totals: { updatesSent: number; resyncs: Record<string, number> } };
      return { updatesSent: totals.updatesSent, resyncs: Object.values(totals.resyncs).reduce((a, b) => a + b, 0) };
    },
    stop: () => stop(child),
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`the benchmark server did not start in 30 s:\n${err}`)), 30_000);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => fail(new Error(`the benchmark server exited (${code}):\n${err}`)));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (line === undefined || !out.includes('\n')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve((JSON.parse(line) as { url: string }).url);
    });
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 4000);
  await exited;
  clearTimeout(timer);
}
