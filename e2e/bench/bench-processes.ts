// Starting and stopping the bench's child processes: each server under test and the load generator run in their
// own Node process (same machine, loopback only), driven over IPC and killed by pid when done.

import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ipcClient, waitReady } from './bench-ipc.ts';
import { isRawWs, type ServerKind } from './server-kinds.ts';
import type { ServerArgs, ServerStats } from './servers/server-control.ts';

export interface BenchProcess {
  pid: number;
  call: <T>(op: string, args?: unknown, timeoutMs?: number) => Promise<T>;
  /** Asks it to close, then kills it by pid if it has not exited within a second. */
  stop(): Promise<void>;
}

export interface ServerProcess extends BenchProcess {
  kind: ServerKind;
  port: number;
  /** Stats for a measured window (CPU, event-loop delay since the previous call). */
  stats(): Promise<ServerStats>;
  /** Stats for periodic sampling, with an event-loop histogram of their own. */
  sample(): Promise<ServerStats>;
  /** The URL its clients connect to. */
  url: string;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const SERVER_ENTRY: Record<ServerKind, string> = {
  tickline: here('./servers/tickline-server.ts'),
  'tickline-fixed': here('./servers/tickline-server.ts'),
  naive: here('./servers/naive-server.ts'),
  'batched-naive': here('./servers/batched-naive-server.ts'),
  ws: here('./servers/ws-server.ts'),
  'batched-ws': here('./servers/batched-ws-server.ts'),
};

const live = new Set<ChildProcess>();

function spawnChild(entry: string, args: string[], execArgv: string[] = []): ChildProcess {
  const child = fork(entry, args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function stopper(child: ChildProcess, call: BenchProcess['call']): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    call('close', undefined, 5000).catch(() => {});
    const timer = setTimeout(() => killChild(child), 1000);
    await exited;
    clearTimeout(timer);
  };
}

function killChild(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Processes this run started by other means (the cluster's redis-server), killed with the children. */
const adopted = new Set<number>();

/** Kills, by pid, every child this run started that is still alive (on error or interrupt). */
export function killAllChildren(): void {
  for (const child of live) killChild(child);
  for (const pid of adopted) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  adopted.clear();
}

/** Kills `pid` with the children on error or interrupt, until the returned function says it was stopped. */
export function adoptProcess(pid: number): () => void {
  adopted.add(pid);
  return () => adopted.delete(pid);
}

export function startServer(kind: ServerKind, args: ServerArgs, execArgv: string[] = []): Promise<ServerProcess> {
  const withMode: ServerArgs = kind === 'tickline-fixed' ? { ...args, flushMode: 'fixed' } : args;
  return startServerEntry(SERVER_ENTRY[kind], kind, withMode, execArgv);
}

/**
 * A server process from any entry that uses server-control.ts (the cluster's feed node and edge): `kind` is the
 * protocol its clients speak.
 */
export async function startServerEntry(
  entry: string,
  kind: ServerKind,
  args: ServerArgs,
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const child = spawnChild(entry, [JSON.stringify(args)], [...execArgv, ...serverNodeArgs()]);
  const call = ipcClient(child);
  const { port } = await waitReady<{ port: number }>(child);
  return {
    kind,
    port,
    pid: child.pid!,
    call,
    url: isRawWs(kind) ? `ws://127.0.0.1:${port}` : `http://127.0.0.1:${port}`,
    stats: () => call<ServerStats>('stats'),
    sample: () => call<ServerStats>('sample'),
    stop: stopper(child, call),
  };
}

/**
 * Extra Node flags for every server under test, for diagnosis: `BENCH_SERVER_NODE_ARGS="--cpu-prof
 * --cpu-prof-dir=/tmp/prof" npm run bench -- ...` profiles the servers alone (Node refuses --cpu-prof in NODE_OPTIONS,
 * and there it would profile the generators too).
 */
function serverNodeArgs(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a.length > 0);
}

/** Any other bench child driven over IPC (bench-ipc.ts's serveIpc): the load generator, the bus readers. */
export async function startBenchChild(entry: string, execArgv: string[] = []): Promise<BenchProcess> {
  const child = spawnChild(entry, [], execArgv);
  const call = ipcClient(child);
  await waitReady(child);
  return { pid: child.pid!, call, stop: stopper(child, call) };
}
