// The cluster bench's figures from made-up windows (pure): what the bus adds is taken pair by pair, the edge's CPU per
// 1,000 clients from the ladder, and a failing client count is blamed on the load generator or the machine first.

import { describe, expect, it } from 'vitest';
import type { ClusterBenchResult, LadderStep, MeasuredWindow, SetupRun } from './cluster-bench.ts';
import { clusterFigures, clusterSummary, edgeLimit, type LadderFigures } from './cluster-summary.ts';
import type { ClusterWindowStats } from './cluster-window.ts';

interface Fake {
  p99: number;
  edgeCpu?: number;
  passed?: boolean;
  lgSaturated?: boolean;
  machineBusy?: number;
  contended?: boolean;
}

function win(f: Fake): MeasuredWindow {
  const cluster =
    f.edgeCpu === undefined
      ? undefined
      : ({
          feed: { cpuShare: 0.05, rssMb: 100, loopDelayP99Ms: 11 },
          edge: { cpuShare: f.edgeCpu, rssMb: 120, loopDelayP99Ms: 30, loopDelayMaxMs: 40, clients: 1000 },
          redis: {
            cpuShare: 0.02,
            cpuShareProc: 0.02,
            rssMb: 9,
            netOutKBPerSec: 40,
            netInKBPerSec: 40,
            commandsPerSec: 45,
          },
          bus: {
            entriesPerSec: 20,
            updatesPerSec: 1000,
            bytesPerUpdate: 26,
            edgeBytesPerUpdate: 26,
            redisOutBytesPerUpdate: 40,
            redisInBytesPerUpdate: 41,
            edgeLagMs: 1,
            snapshots: 0,
            heartbeats: 0,
            dropped: 0,
            gaps: 0,
            mismatches: 0,
            badEntries: 0,
          },
        } satisfies ClusterWindowStats);
  return {
    latency: { count: 1, p50Ms: f.p99 - 20, p90Ms: f.p99 - 8, p99Ms: f.p99, maxMs: f.p99 + 5, meanMs: f.p99 - 20 },
    deliveredRatio: 1,
    passed: f.passed ?? true,
    contended: f.contended ?? false,
    machineBusy: f.machineBusy ?? 0.5,
    loadGenerator: {
      cpuShare: 0.6,
      saturated: f.lgSaturated ?? false,
      loopDelayP99Ms: 20,
      loopDelayMaxMs: 30,
      rssMb: 200,
    },
    server: { cpuShare: 0.45, rssMb: 130 },
    ...(cluster ? { cluster } : {}),
  } as unknown as MeasuredWindow;
}

const run = (kind: 'single' | 'cluster', pair: number, p99s: number[]): SetupRun => ({
  kind,
  pair,
  connectMs: 5000,
  replaced: [],
  windows: p99s.map((p99) => win({ p99, ...(kind === 'cluster' ? { edgeCpu: 0.45 } : {}) })),
});
const step = (clients: number, fakes: Fake[]): LadderStep => ({
  clients,
  connectMs: 2000,
  replaced: [],
  windows: fakes.map(win),
});

const result: ClusterBenchResult = {
  runs: [
    run('single', 1, [60, 61, 62]),
    run('cluster', 1, [63, 62, 64]),
    run('cluster', 2, [65, 66, 64]),
    run('single', 2, [59, 60, 61]),
    run('single', 3, [61, 70, 62]),
    run('cluster', 3, [63, 63, 63]),
  ],
  ladder: [
    step(500, [
      { p99: 55, edgeCpu: 0.25 },
      { p99: 56, edgeCpu: 0.24 },
      { p99: 55, edgeCpu: 0.26 },
    ]),
    step(1000, [
      { p99: 62, edgeCpu: 0.45 },
      { p99: 63, edgeCpu: 0.46 },
      { p99: 62, edgeCpu: 0.44 },
    ]),
    step(1500, [
      { p99: 140, edgeCpu: 0.7, passed: false, lgSaturated: true },
      { p99: 150, edgeCpu: 0.7, passed: false, lgSaturated: true },
      { p99: 90, edgeCpu: 0.7 },
    ]),
  ],
  // Redis: 0.6% of a core with the edge alone, 0.02% more per reading edge; 39 bytes out per update per edge.
  redisFanOut: [1, 26, 51, 101].map((readers) => ({
    readers,
    redis: { cpuShare: 0.006 + 0.0002 * (readers - 1), netOutKBPerSec: 39 * readers, outBytesPerUpdate: 0 },
    bus: { redisOutBytesPerUpdate: 39 * readers },
    contended: false,
  })) as unknown as ClusterBenchResult['redisFanOut'],
};

describe('clusterFigures', () => {
  const f = clusterFigures(result);

  it("takes what the bus adds as the cluster's median window minus the single process's, pair by pair", () => {
    // Pairs: 63 - 61, 65 - 60, 63 - 62.
    expect(f.busAdded.p99Ms).toEqual({ median: 2, min: 1, max: 5, n: 3 });
  });

  it('reports every window of a kind in its spread', () => {
    expect(f.single.p99Ms).toMatchObject({ min: 59, max: 70, n: 9 });
    expect(f.cluster.edgeCpu.median).toBeCloseTo(0.45);
  });

  it("gives the edge's CPU per 1,000 clients between counts that passed, window by window, and a line through them", () => {
    expect(f.edge.cpuPer1000Clients.median).toBeCloseTo(0.4);
    expect(f.edge.cpuPer1000Clients.n).toBe(3);
    expect(f.edge.cpuFit?.per1000Clients).toBeCloseTo(0.4);
    expect(f.edge.cpuFit?.fixed).toBeCloseTo(0.05);
    expect(f.edge.clientsAtOneCoreExtrapolated).toBe(2375);
    expect(f.ladder[1]?.edgeCpuPer1000Clients).toBeCloseTo(0.45);
    expect(f.ladder[1]?.marginalCpuPer1000?.median).toBeCloseTo(0.4);
    expect(f.ladder[0]?.marginalCpuPer1000).toBeUndefined();
  });

  it('serves the largest count that passed, and blames the saturated load generator for the one that failed', () => {
    expect(f.edge.clientsPerEdge).toBe(1000);
    expect(f.edge.limitedBy).toBe('load generator');
    expect(clusterSummary(f, 5)).toMatchObject({ busAddedP99Ms: 2, busAddedMet: true, clientsPerEdge: 1000 });
  });
});

describe('Redis per edge', () => {
  const f = clusterFigures(result);

  it("fits Redis's CPU and bytes out against the edges reading the stream", () => {
    expect(f.redisPerEdge.cpuFit?.perEdge).toBeCloseTo(0.0002, 8);
    expect(f.redisPerEdge.cpuFit?.fixed).toBeCloseTo(0.0058, 8);
    expect(f.redisPerEdge.outBytesPerUpdatePerEdge).toBeCloseTo(39, 6);
    expect(f.redisPerEdge.edgesAtOneCoreExtrapolated).toBe(4971);
  });
});

describe('edgeLimit', () => {
  const figures = (passed: boolean, lg: boolean, busy: number): LadderFigures => ({
    clients: 1000,
    passed,
    loadGeneratorSaturated: lg,
    machineBusy: { median: busy, min: busy, max: busy, n: 1 },
    p99Ms: { median: 0, min: 0, max: 0, n: 1 },
    deliveredMin: 1,
    edgeCpu: { median: 0, min: 0, max: 0, n: 1 },
    loadGeneratorCpu: { median: 0, min: 0, max: 0, n: 1 },
    edgeCpuPer1000Clients: 0,
    marginalCpuPer1000: undefined,
  });

  it('is not reached while every count passed', () => {
    expect(edgeLimit([figures(true, false, 0.5)])).toBe('not reached');
  });

  it('names the machine when all its cores were busy, and the edge only when nothing else ran out', () => {
    expect(edgeLimit([figures(true, false, 0.5), figures(false, false, 0.97)])).toBe('machine');
    expect(edgeLimit([figures(true, false, 0.5), figures(false, false, 0.6)])).toBe('edge');
  });
});
