// What a bench process says about its own cost: CPU time, memory, and how late its event loop runs.

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { benchNow } from './bench-clock.ts';

export interface ProcessStats {
  /** Bench clock at the reading. */
  time: number;
  /** User + system CPU time since start, ms. */
  cpuMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-loop delay since the previous reading: p99 and max, ms. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

export function processStatsReader(): () => ProcessStats {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return () => {
    const cpu = process.cpuUsage();
    const mem = process.memoryUsage();
    const stats: ProcessStats = {
      time: benchNow(),
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBytes: mem.rss,
      heapUsedBytes: mem.heapUsed,
      loopDelayP99Ms: delay.percentile(99) / 1e6,
      loopDelayMaxMs: delay.max / 1e6,
    };
    delay.reset();
    return stats;
  };
}

/** Share of one core used between two readings (1 = one core fully busy). */
export const coreShare = (a: ProcessStats, b: ProcessStats): number => (b.cpuMs - a.cpuMs) / (b.time - a.time);
