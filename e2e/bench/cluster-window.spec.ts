// A cluster window's figures from two readings (pure): each part's CPU over its own clock, Redis's bytes per update
// published, and the bus's payload per update as written and as read.

import { describe, expect, it } from 'vitest';
import type { EdgeBusCounters, FeedBusCounters } from './bus-counters.ts';
import { type ClusterReading, clusterWindow } from './cluster-window.ts';
import type { ServerStats } from './servers/server-control.ts';

const server = (time: number, cpuMs: number, clients = 0): ServerStats => ({
  time,
  cpuMs,
  rssBytes: 100 * 2 ** 20,
  heapUsedBytes: 0,
  loopDelayP99Ms: 12,
  loopDelayMaxMs: 30,
  schedule: { rate: 1000, emitted: 0, skipped: 0, worstLagMs: 0 },
  clients,
  dropped: 0,
});
const feedBus = (updates: number, bytes: number): FeedBusCounters => ({
  entries: updates / 50,
  updates,
  bytes,
  snapshots: 0,
  heartbeats: 0,
  dropped: 0,
});
const edgeBus = (updates: number, bytes: number): EdgeBusCounters => ({
  entries: updates / 50,
  bytes,
  updatesApplied: updates,
  duplicates: 0,
  gaps: 0,
  mismatches: 0,
  badEntries: 0,
  lagMs: 1.2,
});

const a: ClusterReading = {
  feed: server(0, 0),
  edge: server(2, 0, 1000),
  redis: { time: 1, pid: 1, cpuMs: 0, procCpuMs: 0, rssBytes: 8 * 2 ** 20, netInBytes: 0, netOutBytes: 0, commands: 0 },
  feedBus: feedBus(0, 0),
  edgeBus: edgeBus(0, 0),
};
// Five seconds later: 5,000 updates of 26 bytes each written and read; Redis sent 40 bytes per update.
const b: ClusterReading = {
  feed: server(5000, 250),
  edge: server(5002, 2000, 1000),
  redis: {
    time: 5001,
    pid: 1,
    cpuMs: 100,
    procCpuMs: 90,
    rssBytes: 9 * 2 ** 20,
    netInBytes: 250_000,
    netOutBytes: 200_000,
    commands: 200,
  },
  feedBus: feedBus(5000, 130_000),
  edgeBus: edgeBus(5000, 130_000),
};

describe('clusterWindow', () => {
  const w = clusterWindow(a, b);

  it('gives each process its CPU share over its own readings', () => {
    expect(w.feed.cpuShare).toBeCloseTo(0.05);
    expect(w.edge.cpuShare).toBeCloseTo(0.4);
    expect(w.redis.cpuShare).toBeCloseTo(0.02);
    expect(w.redis.cpuShareProc).toBeCloseTo(0.018);
    expect(w.redis.rssMb).toBe(9);
  });

  it("divides the bus payload and Redis's network by the updates the feed node published", () => {
    expect(w.bus.updatesPerSec).toBeCloseTo(1000);
    expect(w.bus.entriesPerSec).toBeCloseTo(20);
    expect(w.bus.bytesPerUpdate).toBeCloseTo(26);
    expect(w.bus.edgeBytesPerUpdate).toBeCloseTo(26);
    expect(w.bus.redisOutBytesPerUpdate).toBeCloseTo(40);
    expect(w.bus.redisInBytesPerUpdate).toBeCloseTo(50);
    expect(w.redis.netOutKBPerSec).toBeCloseTo(40);
    expect(w.redis.commandsPerSec).toBeCloseTo(40);
  });

  it("keeps the edge's lag and client count as read at the end", () => {
    expect(w.bus.edgeLagMs).toBe(1.2);
    expect(w.edge.clients).toBe(1000);
  });
});
