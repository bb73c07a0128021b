// What the cluster's redis-server costs during a window: from INFO its CPU time (getrusage, in microseconds), the
// bytes it read and wrote on the network and the commands it ran; from /proc its RSS and, as a cross-check, its CPU
// time as `ps` counts it (all threads, in 10 ms ticks: too coarse alone for a process using 1% of a core).
// The readings' own INFO calls (a reply of about 2 KB each) are counted too: a few KB in a window of hundreds.

import { Redis } from 'ioredis';
import { benchNow } from './bench-clock.ts';
import { readProc } from './proc-stat.ts';
import { infoNumber, parseRedisInfo } from './redis-info.ts';

export interface RedisReading {
  /** Bench clock at the reading. */
  time: number;
  pid: number;
  /** used_cpu_user + used_cpu_sys from INFO, ms. */
  cpuMs: number;
  /** The same from /proc/<pid>/stat, ms (10 ms resolution). */
  procCpuMs: number;
  rssBytes: number;
  netInBytes: number;
  netOutBytes: number;
  commands: number;
}

export interface RedisStatsReader {
  read(): Promise<RedisReading>;
  close(): void;
}

export async function redisStatsReader(url: string): Promise<RedisStatsReader> {
  const redis = new Redis(url, { connectionName: 'bench-stats', maxRetriesPerRequest: 1 });
  const pid = infoNumber(parseRedisInfo(await redis.info('server')), 'process_id');
  return {
    async read() {
      const stats = parseRedisInfo(String(await redis.call('INFO', 'stats', 'cpu')));
      const proc = readProc(pid);
      return {
        time: benchNow(),
        pid,
        cpuMs: (infoNumber(stats, 'used_cpu_user') + infoNumber(stats, 'used_cpu_sys')) * 1000,
        procCpuMs: proc.cpuMs,
        rssBytes: proc.rssBytes,
        netInBytes: infoNumber(stats, 'total_net_input_bytes'),
        netOutBytes: infoNumber(stats, 'total_net_output_bytes'),
        commands: infoNumber(stats, 'total_commands_processed'),
      };
    },
    close: () => redis.disconnect(),
  };
}
