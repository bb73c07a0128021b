// `npm run cluster`: a whole cluster on one machine for demos and trials: its own redis-server, one feed node and
// two edges on consecutive ports (PORT, PORT+1, PORT+2), each a separate process as in production, their output
// prefixed with their name. Ctrl-C stops them all. Kill one edge (`kill -9`) to watch its clients move.
//
//   npm run cluster                         feed node on 3000 (/api only), edges on 3001 and 3002
//   npm run cluster -- --seed 42 --edges 3  flags go to the feed node; --edges picks how many edges

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.ts';
import { runningCompiled } from './running-compiled.ts';

// Compiled (`npm run cluster`) each node runs the compiled server with plain node; from source, through tsx.
const NODE = runningCompiled
  ? ['--enable-source-maps', fileURLToPath(new URL('../dist/main.js', import.meta.url))]
  : ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url))];
/** Flags an edge understands too; every other flag belongs to the feed node. Tokens come from the environment. */
const SHARED_FLAGS = new Set([
  '--stale-ms',
  '--host',
  '--allowed-origins',
  '--allowed-hosts',
  '--max-connections',
  '--max-connections-per-address',
  '--trust-proxy',
  '--request-rate',
  '--request-burst',
  '--snapshot-rate',
  '--snapshot-burst',
  '--inbound-rate',
  '--max-symbols-per-socket',
  '--max-queued-bytes',
  '--stall-ms',
]);

function fail(message: string): never {
  console.error(`tickline: ${message}`);
  process.exit(1);
}

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  fail(
    'npm run cluster needs redis-server: `sudo apt-get install -y redis-server` (Debian, Ubuntu) or `brew install redis`',
  );
}

const { edges, feedArgs, edgeArgs } = parseArgs(process.argv.slice(2));
const basePort = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(basePort) || basePort < 1 || basePort + edges > 65535)
  fail(`PORT must be a port number, got ${process.env.PORT}`);
const host = edgeArgs[edgeArgs.indexOf('--host') + 1] ?? '127.0.0.1';
const shownHost = edgeArgs.includes('--host') && host !== '0.0.0.0' ? host : '127.0.0.1';

const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function start(name: string, command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: undefined } });
  const prefix = `[${name}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let partial = '';
    stream?.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) process.stdout.write(`${prefix}${line}\n`);
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping)
      console.log(`${prefix}exited (${signal ?? `code ${code}`}); the others keep running, Ctrl-C stops them`);
  });
  children.push({ name, child });
  return child;
}

async function stopAll(): Promise<void> {
  stopping = true;
  // Edges, then the feed node (its final snapshots need Redis), then Redis.
  for (const group of [
    children.filter((c) => c.name.startsWith('edge')),
    children.filter((c) => c.name === 'feed'),
    children.filter((c) => c.name === 'redis'),
  ]) {
    await Promise.all(group.map(({ child }) => stop(child)));
  }
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    console.log('stopping the cluster');
    void stopAll().then(() => process.exit(0));
  });
}

const redisPort = await freePort();
const redisUrl = `redis://127.0.0.1:${redisPort}`;
start('redis', 'redis-server', [
  '--port',
  String(redisPort),
  '--bind',
  '127.0.0.1',
  '--save',
  '',
  '--appendonly',
  'no',
  '--loglevel',
  'warning',
]);
await waitFor(async () => (await ping(redisPort)) === true, 'redis-server');

const node = (name: string, port: number, args: string[]) =>
  start(name, process.execPath, [...NODE, '--port', String(port), '--redis-url', redisUrl, ...args]);
node('feed', basePort, ['--role', 'feed', ...feedArgs]);
const edgePorts = Array.from({ length: edges }, (_, i) => basePort + 1 + i);
edgePorts.forEach((port, i) => node(`edge ${i + 1}`, port, ['--role', 'edge', ...edgeArgs]));
await Promise.all(
  [basePort, ...edgePorts].map((port) =>
    waitFor(() => answers(`http://${shownHost}:${port}/api/health`), `the node on port ${port}`),
  ),
);

console.log('');
console.log('Tickline cluster is live:');
for (const port of edgePorts) console.log(`  edge       http://${shownHost}:${port}/`);
console.log(`  feed node  http://${shownHost}:${basePort}/api/health (no dashboard: it publishes to Redis)`);
console.log(`  Redis      ${redisUrl} (its own, in memory)`);
console.log('Ctrl-C stops them all.');

function parseArgs(argv: string[]): { edges: number; feedArgs: string[]; edgeArgs: string[] } {
  let count = 2;
  const feed: string[] = [];
  const edge: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const takesValue = inline === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--');
    const value = inline ?? (takesValue ? argv[++i] : undefined);
    if (flag === '--edges') {
      count = Number(value);
      if (!Number.isInteger(count) || count < 1 || count > 32) fail(`--edges must be 1 to 32, got ${value}`);
      continue;
    }
    if (flag === '--role' || flag === '--redis-url' || flag === '--port') fail(`npm run cluster sets ${flag} itself`);
    const pair = value === undefined ? [flag] : [flag, value];
    feed.push(...pair);
    if (SHARED_FLAGS.has(flag)) edge.push(...pair);
  }
  return { edges: count, feedArgs: feed, edgeArgs: edge };
}

async function waitFor(check: () => Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) {
      await stopAll();
      fail(`${what} did not come up within ${ms / 1000} s (its output is above)`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = createConnection({ port, host: '127.0.0.1' });
    conn.once('connect', () => conn.write('PING\r\n'));
    conn.once('data', (d) => {
      conn.destroy();
      resolve(d.toString().startsWith('+PONG'));
    });
    conn.once('error', () => resolve(false));
  });
}
