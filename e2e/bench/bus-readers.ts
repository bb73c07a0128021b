// Stand-ins for more edges, their own process: N Redis connections, each reading the shard's stream exactly as an
// edge's consumer does (XREAD COUNT 500 BLOCK, from the last entry read), doing nothing with what they read. What
// Redis spends on N edges (CPU, network out) is measured with them, without N edges' clients on a 2-core machine.

import { Redis } from 'ioredis';
import { announceReady, serveIpc } from './bench-ipc.ts';
import { processStatsReader, type ProcessStats } from './process-stats.ts';

export interface BusReadersStats extends ProcessStats {
  readers: number;
  entries: number;
  /** Bytes of entry fields read (as an edge counts them). */
  bytes: number;
}

interface Reader {
  redis: Redis;
  stopped: boolean;
  done: Promise<void>;
}

const readers: Reader[] = [];
const totals = { entries: 0, bytes: 0 };
const readStats = processStatsReader();

type XReadReply = [string, [string, string[]][]][] | null;

async function readLoop(reader: Reader, stream: string): Promise<void> {
  let cursor = '$';
  while (!reader.stopped) {
    try {
      const reply = (await reader.redis.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', stream, cursor)) as XReadReply;
      for (const [id, fields] of reply?.[0]?.[1] ?? []) {
        cursor = id;
        totals.entries++;
        for (const f of fields) totals.bytes += f.length;
      }
    } catch {
      if (!reader.stopped) await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Adds or stops readers until `count` are reading `stream`. */
async function setReaders(args: { url: string; stream: string; count: number }): Promise<number> {
  while (readers.length < args.count) {
    const redis = new Redis(args.url, { connectionName: 'bench-bus-reader', maxRetriesPerRequest: null });
    const reader: Reader = { redis, stopped: false, done: Promise.resolve() };
    reader.done = readLoop(reader, args.stream);
    readers.push(reader);
  }
  const extra = readers.splice(args.count);
  for (const r of extra) {
    r.stopped = true;
    r.redis.disconnect();
  }
  await Promise.all(extra.map((r) => r.done));
  return readers.length;
}

serveIpc({
  set: (args: { url: string; stream: string; count: number }) => setReaders(args),
  stats: (): BusReadersStats => ({ ...readStats(), readers: readers.length, ...totals }),
  close: async () => {
    await setReaders({ url: '', stream: '', count: 0 });
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});
announceReady({ pid: process.pid });
