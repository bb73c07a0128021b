// A cluster under test, seen by the measuring code as one server: its own redis-server, a feed node process and an
// edge process, as in production but on one machine. `rate` goes to the feed node, clients connect to the edge, and
// `stats()` sums the three processes' CPU and memory, so measureStep's figures and its contention check (the cores
// nobody under test used) hold for the cluster as a whole. Each part's own figures for the last window are kept.

import { fileURLToPath } from 'node:url';
import { type RedisServer, startRedisServer } from '@tickline/server/testing/redis-server';
import { adoptProcess, type ServerProcess, startServerEntry } from './bench-processes.ts';
import { edgeBusCounters, feedBusCounters } from './bus-counters.ts';
import { type ClusterReading, clusterWindow, type ClusterWindowStats } from './cluster-window.ts';
import { type RedisStatsReader, redisStatsReader } from './redis-stats.ts';
import type { ClusterNodeArgs } from './servers/cluster-node-args.ts';
import type { ServerArgs, ServerStats } from './servers/server-control.ts';

export interface ClusterUnderTest extends ServerProcess {
  readonly redisUrl: string;
  readonly feed: ServerProcess;
  readonly edge: ServerProcess;
  /** Each part's figures between the last two `stats()` calls: measureStep's window. */
  lastWindow(): ClusterWindowStats;
}

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

async function health(port: number): Promise<unknown> {
  const res = await fetch(`http://127.0.0.1:${port}/api/health`);
  if (!res.ok) throw new Error(`/api/health on port ${port}: ${res.status}`);
  return res.json();
}

/** Starts Redis, then the feed node (its epoch on the bus), then the edge (loaded from it); stops them in reverse. */
export async function startCluster(args: ServerArgs): Promise<ClusterUnderTest> {
  const started: { stop(): Promise<void> | void }[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop();
  };
  try {
    const redis: RedisServer = await startRedisServer();
    const reader: RedisStatsReader = await redisStatsReader(redis.url);
    const release = adoptProcess((await reader.read()).pid);
    started.push({
      stop: async () => {
        reader.close();
        await redis.stop();
        release();
      },
    });
    const nodeArgs: ClusterNodeArgs = { ...args, redisUrl: redis.url };
    const feed = await startServerEntry(here('./servers/feed-node-server.ts'), 'tickline', nodeArgs);
    started.push(feed);
    const edge = await startServerEntry(here('./servers/edge-server.ts'), 'tickline', nodeArgs);
    started.push(edge);

    let previous: ClusterReading | undefined;
    let last: ClusterReading | undefined;
    const read = async (): Promise<ClusterReading> => {
      const [f, e, r, fh, eh] = await Promise.all([
        feed.stats(),
        edge.stats(),
        reader.read(),
        health(feed.port),
        health(edge.port),
      ]);
      return { feed: f, edge: e, redis: r, feedBus: feedBusCounters(fh), edgeBus: edgeBusCounters(eh) };
    };

    return {
      kind: 'tickline',
      port: edge.port,
      pid: edge.pid,
      url: edge.url,
      redisUrl: redis.url,
      feed,
      edge,
      // The offered rate is the feed node's; everything else concerns the clients' server.
      call: (op, callArgs, timeoutMs) => (op === 'rate' ? feed : edge).call(op, callArgs, timeoutMs),
      async stats(): Promise<ServerStats> {
        const r = await read();
        previous = last;
        last = r;
        return {
          time: r.edge.time,
          cpuMs: r.feed.cpuMs + r.edge.cpuMs + r.redis.cpuMs,
          rssBytes: r.feed.rssBytes + r.edge.rssBytes + r.redis.rssBytes,
          heapUsedBytes: r.feed.heapUsedBytes + r.edge.heapUsedBytes,
          // The loop that serves the clients; the feed node's is in the window's parts.
          loopDelayP99Ms: r.edge.loopDelayP99Ms,
          loopDelayMaxMs: r.edge.loopDelayMaxMs,
          schedule: r.feed.schedule,
          clients: r.edge.clients,
          dropped: r.edge.dropped,
        };
      },
      sample: () => edge.sample(),
      lastWindow() {
        if (!previous || !last) throw new Error('lastWindow needs two stats() readings');
        return clusterWindow(previous, last);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
