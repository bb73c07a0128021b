// Several load-generator processes measure one window together, each with its share of the clients: their figures
// merge here into the one a single process would have reported. Counts add, latency histograms add bucket by bucket
// (so percentiles are exact over all clients, not an average of percentiles), and the generator counts as
// saturated when any of its processes is.

import type { GroupStatus, LoadGeneratorStats, WindowPart, WindowResult } from './load-generator.ts';
import { LatencyHistogram, type SparseHistogram } from './latency-histogram.ts';

export interface MergedLoadGeneratorStats extends LoadGeneratorStats {
  /** Each process's own figures: `cpuShare` above is their sum (cores), `saturated` any of theirs. */
  processes: LoadGeneratorStats[];
}

export function mergeGroupStatus(all: readonly GroupStatus[]): GroupStatus {
  const sum = (pick: (g: GroupStatus) => number) => all.reduce((a, g) => a + pick(g), 0);
  return {
    clients: sum((g) => g.clients),
    connects: sum((g) => g.connects),
    disconnects: sum((g) => g.disconnects),
    resyncs: sum((g) => g.resyncs),
    gaps: sum((g) => g.gaps),
    syncedSince: sum((g) => g.syncedSince),
    recovered: sum((g) => g.recovered),
    worstRecoveryMs: Math.max(0, ...all.map((g) => g.worstRecoveryMs)),
  };
}

const histogramOf = (parts: readonly SparseHistogram[]): LatencyHistogram => {
  const h = new LatencyHistogram();
  for (const p of parts) h.addSparse(p);
  return h;
};

/** One window's result from each process (same window, same parts) -> the result for all their clients. */
export function mergeWindows(all: readonly WindowResult[]): WindowResult {
  const first = all[0];
  if (!first) throw new Error('mergeWindows: no results');
  if (all.length === 1) return withoutRaw(first);
  const raws = all.map((w) => {
    if (!w.raw) throw new Error('mergeWindows: a result without its raw counts');
    return w.raw;
  });
  const sum = (pick: (w: WindowResult) => number) => all.reduce((a, w) => a + pick(w), 0);
  const expected = sum((w) => w.expected);
  const delivered = sum((w) => w.delivered);
  const wire = raws.reduce((a, r) => a + r.wireBytes, 0);
  const arrived = raws.reduce((a, r) => a + r.arrived, 0);
  const processes = all.map((w) => w.loadGenerator);
  const loadGenerator: MergedLoadGeneratorStats = {
    cpuShare: processes.reduce((a, p) => a + p.cpuShare, 0),
    loopDelayP99Ms: Math.max(...processes.map((p) => p.loopDelayP99Ms)),
    loopDelayMaxMs: Math.max(...processes.map((p) => p.loopDelayMaxMs)),
    rssMb: processes.reduce((a, p) => a + p.rssMb, 0),
    saturated: processes.some((p) => p.saturated),
    processes,
  };
  const parts: WindowPart[] = first.parts.map((_, i) => {
    const mine = all.map((w) => w.parts[i]!);
    const e = mine.reduce((a, p) => a + p.expected, 0);
    const d = mine.reduce((a, p) => a + p.delivered, 0);
    return {
      expected: e,
      delivered: d,
      deliveredRatio: e ? d / e : 0,
      updatesPerSec: mine.reduce((a, p) => a + p.updatesPerSec, 0),
      latency: histogramOf(raws.map((r) => r.parts[i]!.latency)).summary(),
      loadGeneratorCpu: mine.reduce((a, p) => a + p.loadGeneratorCpu, 0),
    };
  });
  return {
    durationMs: first.durationMs,
    expected,
    delivered,
    deliveredRatio: expected ? delivered / expected : 0,
    updatesPerSec: sum((w) => w.updatesPerSec),
    latency: histogramOf(raws.map((r) => r.latency)).summary(),
    bytesPerUpdate: arrived > 0 ? wire / arrived : 0,
    wireMbPerSec: sum((w) => w.wireMbPerSec),
    messagesPerSec: sum((w) => w.messagesPerSec),
    loadGenerator,
    breakdown: all.find((w) => w.breakdown !== undefined)?.breakdown,
    measured: mergeGroupStatus(all.map((w) => w.measured)),
    checksumMismatches: sum((w) => w.checksumMismatches),
    parts,
  };
}

function withoutRaw(w: WindowResult): WindowResult {
  const { raw: _raw, ...rest } = w;
  return rest;
}

/** Splits `total` into `n` shares as even as whole numbers allow, the larger ones first. */
export function shares(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
}

/**
 * The newest trade stamp of several processes' clients taken together, for "have they caught up": the oldest of
 * theirs (the process furthest behind), and null while any of them has received nothing.
 */
export function mergeFreshest(all: readonly (number | null)[]): number | null {
  if (all.length === 0 || all.some((t) => t === null)) return null;
  return Math.min(...(all as number[]));
}
