// How busy the machine was during a window, and who made it so: Chromium (every process under this one but the
// server), the benchmark's server, and this runner. Read from /proc (Linux); elsewhere it reports nothing.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

export interface CpuSample {
  /** Ticks (USER_HZ) summed over every core: all of them, and the idle ones. */
  total: number;
  idle: number;
  /** Ticks (user + system) by process id. */
  processes: Map<number, { ppid: number; ticks: number }>;
}

export interface CpuUsage {
  cores: number;
  /** Percent of all cores busy (100 = every core). */
  machineBusyPercent: number;
  /** Percent of one core (100 = one core), by who used it. */
  chromiumPercent: number;
  serverPercent: number;
  runnerPercent: number;
  /** Everything else on the machine: above a few percent, the figures were measured on a shared machine. */
  othersPercent: number;
}

export function sampleCpu(): CpuSample | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.split(/\s+/).slice(1).map(Number) ?? [];
  const total = cpu.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  const processes = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, ... utime (14), stime (15).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      processes.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended while we listed it
    }
  }
  return { total, idle, processes };
}

/** CPU use between two samples; `serverPid` is left out of Chromium's share (both are children of this process). */
export function cpuUsage(
  before: CpuSample | undefined,
  after: CpuSample | undefined,
  serverPid: number,
): CpuUsage | undefined {
  if (!before || !after) return undefined;
  const cores = os.cpus().length;
  const total = after.total - before.total;
  if (total <= 0) return undefined;
  const perCore = total / cores;
  const used = (pid: number): number =>
    (after.processes.get(pid)?.ticks ?? 0) - (before.processes.get(pid)?.ticks ?? 0);
  const descendants = (root: number): number[] => {
    const found: number[] = [];
    const queue = [root];
    while (queue.length) {
      const parent = queue.pop() as number;
      for (const [pid, { ppid }] of after.processes) {
        if (ppid === parent && pid !== serverPid) {
          found.push(pid);
          queue.push(pid);
        }
      }
    }
    return found;
  };
  const percent = (ticks: number): number => Math.round((ticks / perCore) * 1000) / 10;
  const busy = total - (after.idle - before.idle);
  const chromium = descendants(process.pid).reduce((sum, pid) => sum + used(pid), 0);
  const ours = chromium + used(serverPid) + used(process.pid);
  return {
    cores,
    machineBusyPercent: Math.round((busy / total) * 1000) / 10,
    chromiumPercent: percent(chromium),
    serverPercent: percent(used(serverPid)),
    runnerPercent: percent(used(process.pid)),
    othersPercent: Math.max(0, percent(busy - ours)),
  };
}

/** Other processes' share of one core above which a window counts as measured on a shared machine. */
export const CONTENDED_PERCENT = 10;

/**
 * Waits, half a second look at a time and for at most `maxWaitMs`, until processes other than ours use less than
 * CONTENDED_PERCENT of a core: a benchmark beside another on two cores measures the sharing, not the page.
 * Resolves with the last look's share (undefined without /proc) and the time waited.
 */
export async function awaitQuietMachine(
  serverPid: number,
  maxWaitMs: number,
): Promise<{ othersPercent: number | undefined; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const before = sampleCpu();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const others = cpuUsage(before, sampleCpu(), serverPid)?.othersPercent;
    const waitedMs = Date.now() - started;
    const quiet = others === undefined || others < CONTENDED_PERCENT;
    if (quiet || waitedMs >= maxWaitMs) return { othersPercent: others, waitedMs };
  }
}
