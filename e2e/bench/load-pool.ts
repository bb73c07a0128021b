// The load generator as several processes: one Node process reading 1,000 sockets saturates a core before a fast
// server does, and then the figure is the generator's limit. The pool starts `processes` load generators, gives each
// an even share of the clients (client numbers kept, so every symbol still has the same subscribers), and answers
// the same calls as a single one, each merged (window-merge.ts): callers cannot tell one process from several.

import { type BenchProcess, startBenchChild } from './bench-processes.ts';
import type { ConnectArgs, GroupStatus, WindowResult } from './load-generator.ts';
import { mergeFreshest, mergeGroupStatus, mergeWindows, shares } from './window-merge.ts';
import { fileURLToPath } from 'node:url';

const LOAD_GENERATOR = fileURLToPath(new URL('./load-generator.ts', import.meta.url));

export interface LoadPool extends BenchProcess {
  readonly processes: number;
  readonly pids: number[];
}

export async function startLoadGenerator(processes = 1, execArgv: string[] = []): Promise<LoadPool> {
  const n = Math.max(1, Math.floor(processes));
  const workers = await Promise.all(Array.from({ length: n }, () => startBenchChild(LOAD_GENERATOR, execArgv)));
  const each = <T>(op: string, args: (i: number) => unknown, timeoutMs?: number) =>
    Promise.all(workers.map((w, i) => w.call<T>(op, args(i), timeoutMs)));

  const call = async <T>(op: string, args?: unknown, timeoutMs?: number): Promise<T> => {
    switch (op) {
      case 'connect': {
        const c = args as ConnectArgs;
        const measured = shares(c.clients, n);
        const slow = shares(c.slowClients, n);
        const offset = (i: number) => (c.firstClient ?? 0) + measured.slice(0, i).reduce((a, b) => a + b, 0);
        const r = await each<{ clients: number; slowClients: number; ms: number }>(
          'connect',
          (i) => ({ ...c, clients: measured[i], slowClients: slow[i], firstClient: offset(i) }),
          timeoutMs,
        );
        return {
          clients: r.reduce((a, x) => a + x.clients, 0),
          slowClients: r.reduce((a, x) => a + x.slowClients, 0),
          ms: Math.max(...r.map((x) => x.ms)),
        } as T;
      }
      case 'window':
        return mergeWindows(await each<WindowResult>('window', () => args, timeoutMs)) as T;
      case 'openIdle': {
        const a = args as { url: string; count: number; rawWs: boolean };
        const counts = shares(a.count, n);
        const r = await each<number>('openIdle', (i) => ({ ...a, count: counts[i] }), timeoutMs);
        return r.reduce((x, y) => x + y, 0) as T;
      }
      case 'addSlow': {
        const a = args as { count: number; perClient: number };
        const counts = shares(a.count, n);
        const r = await each<number>('addSlow', (i) => ({ ...a, count: counts[i] }), timeoutMs);
        return r.reduce((x, y) => x + y, 0) as T;
      }
      case 'pauseSlow':
      case 'resumeSlow': {
        const r = await each<number>(op, () => args, timeoutMs);
        return r.reduce((x, y) => x + y, 0) as T;
      }
      case 'freshest':
        return mergeFreshest(await each<number | null>('freshest', () => args, timeoutMs)) as T;
      case 'status': {
        const r = await each<{ measured: GroupStatus; slow: GroupStatus }>('status', () => args, timeoutMs);
        return {
          measured: mergeGroupStatus(r.map((x) => x.measured)),
          slow: mergeGroupStatus(r.map((x) => x.slow)),
        } as T;
      }
      default: {
        // Anything else (closeIdle) is asked of every process; the first answer stands for all.
        const r = await each<T>(op, () => args, timeoutMs);
        return r[0]!;
      }
    }
  };

  return {
    processes: n,
    pid: workers[0]!.pid,
    pids: workers.map((w) => w.pid),
    call,
    stop: async () => {
      await Promise.all(workers.map((w) => w.stop()));
    },
  };
}
