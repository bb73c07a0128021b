// One measured window of a cluster, part by part: each process's CPU and memory, Redis's network and commands, and
// the bus's own counters, from two readings taken at the window's ends. Pure arithmetic on the readings.

import type { EdgeBusCounters, FeedBusCounters } from './bus-counters.ts';
import { counterDelta } from './bus-counters.ts';
import { coreShare } from './process-stats.ts';
import type { RedisReading } from './redis-stats.ts';
import type { ServerStats } from './servers/server-control.ts';

/** Everything read from a cluster at one instant. */
export interface ClusterReading {
  feed: ServerStats;
  edge: ServerStats;
  redis: RedisReading;
  feedBus: FeedBusCounters;
  edgeBus: EdgeBusCounters;
}

export interface PartCost {
  /** Share of one core (1 = one core fully busy). */
  cpuShare: number;
  rssMb: number;
}

export interface ClusterWindowStats {
  feed: PartCost & { loopDelayP99Ms: number };
  edge: PartCost & { loopDelayP99Ms: number; loopDelayMaxMs: number; clients: number };
  redis: PartCost & {
    /** The same CPU share from /proc's 10 ms ticks: a cross-check of INFO's. */
    cpuShareProc: number;
    netOutKBPerSec: number;
    netInKBPerSec: number;
    commandsPerSec: number;
  };
  bus: {
    entriesPerSec: number;
    updatesPerSec: number;
    /** Entry field bytes the feed node wrote per update (/api/health bus.bytes / bus.updates): the bus's payload. */
    bytesPerUpdate: number;
    /** The same, as the edge read it (bus.bytes / bus.updatesApplied). */
    edgeBytesPerUpdate: number;
    /**
     * Redis's network output per update published, RESP framing included: with one edge, what each edge's XREAD
     * costs on the wire (plus the feed node's small XADD replies and the bench's INFO calls).
     */
    redisOutBytesPerUpdate: number;
    /** Redis's network input per update: the XADDs and scripts on the wire, and the edge's XREAD requests. */
    redisInBytesPerUpdate: number;
    /** The newest entry's flush time to its arrival at the edge at the window's end, ms. */
    edgeLagMs: number;
    snapshots: number;
    heartbeats: number;
    dropped: number;
    gaps: number;
    mismatches: number;
    badEntries: number;
  };
}

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const per = (n: number, d: number) => (d > 0 ? n / d : 0);

export function clusterWindow(a: ClusterReading, b: ClusterReading): ClusterWindowStats {
  const feedBus = counterDelta(a.feedBus, b.feedBus);
  const edgeBus = counterDelta(a.edgeBus, b.edgeBus);
  const redisSeconds = (b.redis.time - a.redis.time) / 1000;
  const feedSeconds = (b.feed.time - a.feed.time) / 1000;
  return {
    feed: { cpuShare: coreShare(a.feed, b.feed), rssMb: mb(b.feed.rssBytes), loopDelayP99Ms: b.feed.loopDelayP99Ms },
    edge: {
      cpuShare: coreShare(a.edge, b.edge),
      rssMb: mb(b.edge.rssBytes),
      loopDelayP99Ms: b.edge.loopDelayP99Ms,
      loopDelayMaxMs: b.edge.loopDelayMaxMs,
      clients: b.edge.clients,
    },
    redis: {
      cpuShare: per(b.redis.cpuMs - a.redis.cpuMs, b.redis.time - a.redis.time),
      cpuShareProc: per(b.redis.procCpuMs - a.redis.procCpuMs, b.redis.time - a.redis.time),
      rssMb: mb(b.redis.rssBytes),
      netOutKBPerSec: per((b.redis.netOutBytes - a.redis.netOutBytes) / 1000, redisSeconds),
      netInKBPerSec: per((b.redis.netInBytes - a.redis.netInBytes) / 1000, redisSeconds),
      commandsPerSec: per(b.redis.commands - a.redis.commands, redisSeconds),
    },
    bus: {
      entriesPerSec: per(feedBus.entries, feedSeconds),
      updatesPerSec: per(feedBus.updates, feedSeconds),
      bytesPerUpdate: per(feedBus.bytes, feedBus.updates),
      edgeBytesPerUpdate: per(edgeBus.bytes, edgeBus.updatesApplied),
      redisOutBytesPerUpdate: per(b.redis.netOutBytes - a.redis.netOutBytes, feedBus.updates),
      redisInBytesPerUpdate: per(b.redis.netInBytes - a.redis.netInBytes, feedBus.updates),
      edgeLagMs: b.edgeBus.lagMs,
      snapshots: feedBus.snapshots,
      heartbeats: feedBus.heartbeats,
      dropped: feedBus.dropped,
      gaps: edgeBus.gaps,
      mismatches: edgeBus.mismatches,
      badEntries: edgeBus.badEntries,
    },
  };
}
