// Another process's CPU time and memory, read from /proc as `ps` does: for a process the bench did not write and
// cannot ask (redis-server). Linux only, like the rest of the bench's machine figures.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface ProcReading {
  /** User + system CPU time of every thread since the process started, ms. */
  cpuMs: number;
  rssBytes: number;
}

/** utime + stime, in clock ticks, from a /proc/<pid>/stat line (the command name may hold spaces and parentheses). */
export function parseProcStatTicks(line: string): number {
  const close = line.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 60)}`);
  // After "pid (comm)": field 3 (state) is rest[0], so utime (field 14) is rest[11] and stime (15) rest[12].
  const rest = line.slice(close + 2).split(' ');
  const utime = Number(rest[11]);
  const stime = Number(rest[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`no utime/stime in: ${line.slice(0, 60)}`);
  return utime + stime;
}

/** VmRSS from /proc/<pid>/status, bytes. */
export function parseVmRssBytes(status: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error('no VmRSS line in /proc/<pid>/status');
  return Number(match[1]) * 1024;
}

let ticksPerSecond: number | undefined;

/** The kernel's USER_HZ (100 on nearly every Linux): the unit of /proc's CPU times. */
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout;
    const n = Number(out?.trim());
    ticksPerSecond = Number.isFinite(n) && n > 0 ? n : 100;
  }
  return ticksPerSecond;
}

export function readProc(pid: number): ProcReading {
  const ticks = parseProcStatTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return {
    cpuMs: (ticks * 1000) / clockTicks(),
    rssBytes: parseVmRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8')),
  };
}
