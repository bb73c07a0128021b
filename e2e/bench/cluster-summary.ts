// The cluster bench's figures from its windows (pure): each kind's latency with its spread, what the bus adds (pair
// by pair, since the two kinds alternate within the run), each part's CPU, the bus's bytes per update, and from the
// ladder how many clients one edge serves and what each 1,000 cost it.

import type { ClusterBenchResult, LadderStep, MeasuredWindow, SetupKind } from './cluster-bench.ts';
import type { ClusterWindowStats } from './cluster-window.ts';
import { type LinearFit, linearFit, median, pairedDifferences, type Spread, spread } from './sample-stats.ts';
import { passedMost } from './window-verdict.ts';

/** The machine counts as saturated above this share of all its cores. */
export const MACHINE_SATURATED = 0.9;

export type EdgeLimit = 'edge' | 'load generator' | 'machine' | 'not reached';

export interface LatencySpreads {
  p50Ms: Spread;
  p90Ms: Spread;
  p99Ms: Spread;
  maxMs: Spread;
}

export interface LadderFigures {
  clients: number;
  passed: boolean;
  p99Ms: Spread;
  deliveredMin: number;
  edgeCpu: Spread;
  /** The edge's CPU at this count over the clients, per 1,000: the fixed cost shrinks in it as clients grow. */
  edgeCpuPer1000Clients: number;
  /** Edge CPU added per 1,000 clients since the previous count (undefined for the first). */
  marginalCpuPer1000: Spread | undefined;
  loadGeneratorCpu: Spread;
  loadGeneratorSaturated: boolean;
  machineBusy: Spread;
}

export interface ClusterFigures {
  single: LatencySpreads & { deliveredMin: number; serverCpu: Spread; serverRssMb: Spread; loadGeneratorCpu: Spread };
  cluster: LatencySpreads & {
    deliveredMin: number;
    totalCpu: Spread;
    loadGeneratorCpu: Spread;
    feedCpu: Spread;
    edgeCpu: Spread;
    redisCpu: Spread;
    /** Redis's CPU from /proc's 10 ms ticks: a cross-check of INFO's figure. */
    redisCpuProc: Spread;
    feedRssMb: Spread;
    edgeRssMb: Spread;
    redisRssMb: Spread;
    edgeLoopDelayP99Ms: Spread;
  };
  /** Cluster minus single, pair by pair (the median window of each run). */
  busAdded: { p50Ms: Spread; p90Ms: Spread; p99Ms: Spread };
  bus: {
    updatesPerSec: Spread;
    entriesPerSec: Spread;
    bytesPerUpdate: Spread;
    edgeBytesPerUpdate: Spread;
    redisOutBytesPerUpdate: Spread;
    redisInBytesPerUpdate: Spread;
    redisNetOutKBPerSec: Spread;
    redisCommandsPerSec: Spread;
    edgeLagMs: Spread;
    /** Summed over every cluster window: anything but zero is a finding. */
    trouble: { gaps: number; mismatches: number; badEntries: number; dropped: number };
  };
  ladder: LadderFigures[];
  edge: {
    /** The largest client count of the ladder that met the capacity criterion (0 if none did). */
    clientsPerEdge: number;
    /** What failed first above it. */
    limitedBy: EdgeLimit;
    /** Edge CPU (share of a core) added per 1,000 clients, between consecutive counts that passed, window by window. */
    cpuPer1000Clients: Spread;
    /** Edge CPU against clients over the counts that passed: per 1,000 clients, and with no clients (reading the bus). */
    cpuFit: { per1000Clients: number; fixed: number } | null;
    /** An extrapolation, not a measurement: the client count at which that line reaches one full core. */
    clientsAtOneCoreExtrapolated: number | null;
  };
  /** Redis's cost against the number of edges reading the stream (the real one and stand-ins). */
  redisPerEdge: {
    steps: { readers: number; cpu: number; netOutKBPerSec: number; outBytesPerUpdate: number; contended: boolean }[];
    /** Share of Redis's one core each reading edge adds, and what it spends with one edge (publishing, timers). */
    cpuFit: { perEdge: number; fixed: number } | null;
    /** Network out per update published, per reading edge (RESP framing included). */
    outBytesPerUpdatePerEdge: number | null;
    /** An extrapolation, not a measurement: edges at which that line reaches Redis's one core. */
    edgesAtOneCoreExtrapolated: number | null;
  };
  /** Warm-up windows (not counted): a freshly started set of processes' first seconds at full rate. */
  warmupP99Ms: { single: Spread; cluster: Spread };
  contendedWindows: number;
  replacedWindows: number;
}

const of = (windows: readonly MeasuredWindow[], pick: (w: MeasuredWindow) => number): Spread =>
  spread(windows.map(pick));
const part = (windows: readonly MeasuredWindow[], pick: (c: ClusterWindowStats) => number): Spread =>
  spread(windows.flatMap((w) => (w.cluster ? [pick(w.cluster)] : [])));

function latency(windows: readonly MeasuredWindow[]): LatencySpreads {
  return {
    p50Ms: of(windows, (w) => w.latency.p50Ms),
    p90Ms: of(windows, (w) => w.latency.p90Ms),
    p99Ms: of(windows, (w) => w.latency.p99Ms),
    maxMs: of(windows, (w) => w.latency.maxMs),
  };
}

function pairDifference(result: ClusterBenchResult, pick: (w: MeasuredWindow) => number): Spread {
  const perPair = (kind: SetupKind) =>
    result.runs
      .filter((r) => r.kind === kind)
      .sort((a, b) => a.pair - b.pair)
      .map((r) => median(r.windows.map(pick)));
  return spread(pairedDifferences(perPair('single'), perPair('cluster')));
}

function ladderFigures(step: LadderStep, previous: LadderStep | undefined): LadderFigures {
  const w = step.windows;
  const edgeCpu = part(w, (c) => c.edge.cpuShare);
  return {
    clients: step.clients,
    passed: passedMost(w),
    p99Ms: of(w, (x) => x.latency.p99Ms),
    deliveredMin: Math.min(...w.map((x) => x.deliveredRatio)),
    edgeCpu,
    edgeCpuPer1000Clients: (edgeCpu.median / step.clients) * 1000,
    marginalCpuPer1000: previous ? spread(marginalCpuPer1000(previous, step)) : undefined,
    loadGeneratorCpu: of(w, (x) => x.loadGenerator.cpuShare),
    loadGeneratorSaturated: w.filter((x) => x.loadGenerator.saturated).length * 2 > w.length,
    machineBusy: of(w, (x) => x.machineBusy),
  };
}

/** Why the first failing count failed: the load generator or the whole machine before the edge, when they ran out. */
export function edgeLimit(ladder: readonly LadderFigures[]): EdgeLimit {
  const failed = ladder.find((s) => !s.passed);
  if (!failed) return 'not reached';
  if (failed.loadGeneratorSaturated) return 'load generator';
  if (failed.machineBusy.median >= MACHINE_SATURATED) return 'machine';
  return 'edge';
}

const edgeCpuOf = (s: LadderStep) => s.windows.flatMap((w) => (w.cluster ? [w.cluster.edge.cpuShare] : []));

/** Edge CPU added per 1,000 clients from one count of the ladder to the next, pairing their windows in order. */
export function marginalCpuPer1000(a: LadderStep, b: LadderStep): number[] {
  return pairedDifferences(edgeCpuOf(a), edgeCpuOf(b)).map((d) => (d / (b.clients - a.clients)) * 1000);
}

/** The same over every step between counts that passed: how the edge's cost grows with its clients. */
export function cpuPer1000Clients(ladder: readonly LadderStep[]): Spread {
  const passed = ladder.filter((s) => passedMost(s.windows));
  return spread(passed.slice(1).flatMap((b, i) => marginalCpuPer1000(passed[i]!, b)));
}

export function edgeCpuFit(ladder: readonly LadderStep[]): LinearFit | undefined {
  const points = ladder
    .filter((s) => passedMost(s.windows))
    .flatMap((s) => s.windows.flatMap((w) => (w.cluster ? [[s.clients, w.cluster.edge.cpuShare] as const] : [])));
  return linearFit(points);
}

export function clusterFigures(result: ClusterBenchResult): ClusterFigures {
  const windows = (kind: SetupKind) => result.runs.filter((r) => r.kind === kind).flatMap((r) => r.windows);
  const single = windows('single');
  const cluster = windows('cluster');
  const ladder = result.ladder.map((step, i) => ladderFigures(step, result.ladder[i - 1]));
  const fit = edgeCpuFit(result.ladder);
  const sum = (pick: (c: ClusterWindowStats) => number) =>
    cluster.reduce((a, w) => a + (w.cluster ? pick(w.cluster) : 0), 0);
  const everyWindow = [...result.runs.flatMap((r) => r.windows), ...result.ladder.flatMap((s) => s.windows)];
  const passedCounts = ladder.filter((s) => s.passed).map((s) => s.clients);
  const fanOut = result.redisFanOut.filter((s) => !s.contended);
  const redisCpuFit = linearFit(fanOut.map((s) => [s.readers, s.redis.cpuShare] as const));
  const redisOutFit = linearFit(fanOut.map((s) => [s.readers, s.bus.redisOutBytesPerUpdate] as const));
  const warmup = (kind: SetupKind) =>
    spread(result.runs.filter((r) => r.kind === kind).flatMap((r) => (r.warmup ? [r.warmup.latency.p99Ms] : [])));
  return {
    single: {
      ...latency(single),
      deliveredMin: Math.min(...single.map((w) => w.deliveredRatio)),
      serverCpu: of(single, (w) => w.server.cpuShare),
      serverRssMb: of(single, (w) => w.server.rssMb),
      loadGeneratorCpu: of(single, (w) => w.loadGenerator.cpuShare),
    },
    cluster: {
      ...latency(cluster),
      deliveredMin: Math.min(...cluster.map((w) => w.deliveredRatio)),
      totalCpu: of(cluster, (w) => w.server.cpuShare),
      loadGeneratorCpu: of(cluster, (w) => w.loadGenerator.cpuShare),
      feedCpu: part(cluster, (c) => c.feed.cpuShare),
      edgeCpu: part(cluster, (c) => c.edge.cpuShare),
      redisCpu: part(cluster, (c) => c.redis.cpuShare),
      redisCpuProc: part(cluster, (c) => c.redis.cpuShareProc),
      feedRssMb: part(cluster, (c) => c.feed.rssMb),
      edgeRssMb: part(cluster, (c) => c.edge.rssMb),
      redisRssMb: part(cluster, (c) => c.redis.rssMb),
      edgeLoopDelayP99Ms: part(cluster, (c) => c.edge.loopDelayP99Ms),
    },
    busAdded: {
      p50Ms: pairDifference(result, (w) => w.latency.p50Ms),
      p90Ms: pairDifference(result, (w) => w.latency.p90Ms),
      p99Ms: pairDifference(result, (w) => w.latency.p99Ms),
    },
    bus: {
      updatesPerSec: part(cluster, (c) => c.bus.updatesPerSec),
      entriesPerSec: part(cluster, (c) => c.bus.entriesPerSec),
      bytesPerUpdate: part(cluster, (c) => c.bus.bytesPerUpdate),
      edgeBytesPerUpdate: part(cluster, (c) => c.bus.edgeBytesPerUpdate),
      redisOutBytesPerUpdate: part(cluster, (c) => c.bus.redisOutBytesPerUpdate),
      redisInBytesPerUpdate: part(cluster, (c) => c.bus.redisInBytesPerUpdate),
      redisNetOutKBPerSec: part(cluster, (c) => c.redis.netOutKBPerSec),
      redisCommandsPerSec: part(cluster, (c) => c.redis.commandsPerSec),
      edgeLagMs: part(cluster, (c) => c.bus.edgeLagMs),
      trouble: {
        gaps: sum((c) => c.bus.gaps),
        mismatches: sum((c) => c.bus.mismatches),
        badEntries: sum((c) => c.bus.badEntries),
        dropped: sum((c) => c.bus.dropped),
      },
    },
    ladder,
    edge: {
      clientsPerEdge: passedCounts.length > 0 ? Math.max(...passedCounts) : 0,
      limitedBy: edgeLimit(ladder),
      cpuPer1000Clients: cpuPer1000Clients(result.ladder),
      cpuFit: fit ? { per1000Clients: fit.slope * 1000, fixed: fit.intercept } : null,
      clientsAtOneCoreExtrapolated: fit && fit.slope > 0 ? Math.round((1 - fit.intercept) / fit.slope) : null,
    },
    redisPerEdge: {
      steps: result.redisFanOut.map((s) => ({
        readers: s.readers,
        cpu: s.redis.cpuShare,
        netOutKBPerSec: s.redis.netOutKBPerSec,
        outBytesPerUpdate: s.bus.redisOutBytesPerUpdate,
        contended: s.contended,
      })),
      cpuFit: redisCpuFit ? { perEdge: redisCpuFit.slope, fixed: redisCpuFit.intercept } : null,
      outBytesPerUpdatePerEdge: redisOutFit ? redisOutFit.slope : null,
      edgesAtOneCoreExtrapolated:
        redisCpuFit && redisCpuFit.slope > 0 ? Math.round((1 - redisCpuFit.intercept) / redisCpuFit.slope) : null,
    },
    warmupP99Ms: { single: warmup('single'), cluster: warmup('cluster') },
    contendedWindows:
      everyWindow.filter((w) => w.contended).length + result.redisFanOut.filter((s) => s.contended).length,
    replacedWindows: [...result.runs, ...result.ladder].reduce((a, s) => a + s.replaced.length, 0),
  };
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const r2 = (v: number) => Math.round(v * 100) / 100;
const range = (s: Spread, round = r1) => [round(s.min), round(s.max)];

/** The one JSON line `npm run bench -- --cluster` prints: medians, with the range they came from. */
export function clusterSummary(f: ClusterFigures, busAddedTargetMs: number) {
  return {
    singleP99Ms: r1(f.single.p99Ms.median),
    clusterP99Ms: r1(f.cluster.p99Ms.median),
    busAddedP99Ms: r1(f.busAdded.p99Ms.median),
    busAddedP99RangeMs: range(f.busAdded.p99Ms),
    busAddedTargetMs,
    busAddedMet: f.busAdded.p99Ms.median <= busAddedTargetMs,
    busAddedP50Ms: r1(f.busAdded.p50Ms.median),
    busAddedP90Ms: r1(f.busAdded.p90Ms.median),
    singleP99RangeMs: range(f.single.p99Ms),
    clusterP99RangeMs: range(f.cluster.p99Ms),
    singleP50Ms: r1(f.single.p50Ms.median),
    clusterP50Ms: r1(f.cluster.p50Ms.median),
    deliveredRatioMin: Math.round(Math.min(f.single.deliveredMin, f.cluster.deliveredMin) * 10_000) / 10_000,
    busBytesPerUpdate: r1(f.bus.bytesPerUpdate.median),
    redisOutBytesPerUpdate: r1(f.bus.redisOutBytesPerUpdate.median),
    busEntriesPerSec: r1(f.bus.entriesPerSec.median),
    singleServerCpu: r2(f.single.serverCpu.median),
    feedCpu: r2(f.cluster.feedCpu.median),
    edgeCpu: r2(f.cluster.edgeCpu.median),
    edgeCpuRange: range(f.cluster.edgeCpu, r2),
    redisCpu: r2(f.cluster.redisCpu.median),
    redisCpuRange: range(f.cluster.redisCpu, r2),
    edgeCpuPer1000Clients: f.edge.cpuFit ? r2(f.edge.cpuFit.per1000Clients) : null,
    edgeCpuPer1000ClientsRange: range(f.edge.cpuPer1000Clients, r2),
    edgeCpuFixed: f.edge.cpuFit ? r2(f.edge.cpuFit.fixed) : null,
    clientsPerEdge: f.edge.clientsPerEdge,
    clientsPerEdgeLimitedBy: f.edge.limitedBy,
    clientsPerEdgeAtOneCoreExtrapolated: f.edge.clientsAtOneCoreExtrapolated,
    redisCpuPerEdge: f.redisPerEdge.cpuFit ? Math.round(f.redisPerEdge.cpuFit.perEdge * 10_000) / 10_000 : null,
    redisOutBytesPerUpdatePerEdge:
      f.redisPerEdge.outBytesPerUpdatePerEdge === null ? null : r1(f.redisPerEdge.outBytesPerUpdatePerEdge),
    edgesPerRedisCoreExtrapolated: f.redisPerEdge.edgesAtOneCoreExtrapolated,
    warmupP99Ms: { single: r1(f.warmupP99Ms.single.median), cluster: r1(f.warmupP99Ms.cluster.median) },
    busTrouble: f.bus.trouble,
    contendedSteps: f.contendedWindows,
    replacedSteps: f.replacedWindows,
  };
}
