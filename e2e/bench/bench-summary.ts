// The JSON line `npm run bench` prints, and its targets: every figure picked from the run's results, null for a part
// the run left out. Pure, so what the line says is read in one place.

import type { FanOutResult } from './fan-out.ts';
import type { Traffic } from './fixed-schedule.ts';
import type { IdleConnectionsResult } from './idle-connections.ts';
import { cpuUsPer1kDeliveries, cpuUsPerMessage } from './server-efficiency.ts';
import { SERVER_KINDS, type ServerKind } from './server-kinds.ts';
import type { SlowConsumerResult } from './slow-consumer.ts';

export interface BenchRun {
  servers: Partial<Record<ServerKind, FanOutResult>>;
  /** Standard step with trades only (under book traffic). */
  tradesOnly: Partial<Record<ServerKind, FanOutResult>>;
  /** Standard step with real clients. */
  realClients: Partial<Record<ServerKind, FanOutResult>>;
  slowConsumer: SlowConsumerResult | undefined;
  idleConnections: Partial<Record<ServerKind, IdleConnectionsResult>>;
  browser: { browserFps: number | null; browserLongTasks: number | null };
  traffic: Traffic;
  /** Updates/s offered at the standard step, and the trades among them. */
  standardRate: number;
  standardTradeRate: number;
  benchSeconds: number;
  runSeconds: number;
}

export function benchFigures(run: BenchRun) {
  const { servers, tradesOnly, realClients, slowConsumer, idleConnections, browser, traffic, benchSeconds } = run;
  const { tickline, naive, ws } = servers;
  const batchedNaive = servers['batched-naive'];
  const batchedWs = servers['batched-ws'];
  const std = tickline?.standard;
  // One figure per server kind, null for a kind this run did not measure.
  const perServer = <T>(pick: (r: FanOutResult) => T) =>
    Object.fromEntries(SERVER_KINDS.map((k) => [k, servers[k] ? pick(servers[k]) : null])) as Record<
      ServerKind,
      T | null
    >;
  const ifRun = <T>(r: FanOutResult | undefined, pick: (r: FanOutResult) => T): T | null => (r ? pick(r) : null);
  const allSteps = Object.values(servers).flatMap((r) => [r.standard, ...r.steps]);
  const sc = slowConsumer;
  const summary = {
    updatesPerSec: ifRun(tickline, (r) => Math.round(r.standard.updatesPerSec)),
    // Latencies are the median of the step's repeats; `...Range` keys give the lowest and highest repeat.
    p50Ms: ifRun(tickline, (r) => round(r.standard.spread.p50Ms.median)),
    p99Ms: ifRun(tickline, (r) => round(r.standard.spread.p99Ms.median)),
    p99MsRange: ifRun(tickline, (r) => range(r.standard.spread.p99Ms)),
    /** The same figure, named for issue 13: Tickline as npm start runs it flushes adaptively. */
    p99MsAdaptive: ifRun(tickline, (r) => round(r.standard.spread.p99Ms.median)),
    /** Tickline flushing only every --flush-ms (before the adaptive flush): latency and capacity to compare. */
    p99MsFixed: ifRun(servers['tickline-fixed'], (r) => round(r.standard.spread.p99Ms.median)),
    fixedCapacity: ifRun(servers['tickline-fixed'], (r) => r.capacity),
    naiveUpdatesPerSec: ifRun(naive, (r) => Math.round(r.standard.updatesPerSec)),
    wsUpdatesPerSec: ifRun(ws, (r) => Math.round(r.standard.updatesPerSec)),
    batchedNaiveUpdatesPerSec: ifRun(batchedNaive, (r) => Math.round(r.standard.updatesPerSec)),
    batchedWsUpdatesPerSec: ifRun(batchedWs, (r) => Math.round(r.standard.updatesPerSec)),
    capacity: ifRun(tickline, (r) => r.capacity),
    /** Each server's capacity as each repeat alone would give it: [lowest, highest]. */
    capacityRange: perServer((r) => [Math.min(...r.capacityByRepeat), Math.max(...r.capacityByRepeat)]),
    /** Each server's standard-step p99 over its repeats: [lowest, median, highest], ms. */
    p99MsByServer: perServer((r) => [
      round(r.standard.spread.p99Ms.min),
      round(r.standard.spread.p99Ms.median),
      round(r.standard.spread.p99Ms.max),
    ]),
    naiveCapacity: ifRun(naive, (r) => r.capacity),
    wsCapacity: ifRun(ws, (r) => r.capacity),
    batchedNaiveCapacity: ifRun(batchedNaive, (r) => r.capacity),
    batchedWsCapacity: ifRun(batchedWs, (r) => r.capacity),
    bytesPerUpdate: ifRun(tickline, (r) => round(r.standard.bytesPerUpdate)),
    /** What the run offered: `book` (3 level changes + 1 trade per symbol) or `trades`. */
    traffic,
    /** Tickline's bytes per update under book traffic, and with trades only (the standard step of each). */
    bookBytesPerUpdate: traffic === 'book' ? ifRun(tickline, (r) => round(r.standard.bytesPerUpdate)) : null,
    tradeBytesPerUpdate:
      traffic === 'trades'
        ? ifRun(tickline, (r) => round(r.standard.bytesPerUpdate))
        : ifRun(tradesOnly.tickline, (r) => round(r.standard.bytesPerUpdate)),
    /** Tickline's p99 with trades only at the standard trade rate (median of the repeats), ms. */
    tradeP99Ms:
      traffic === 'trades'
        ? ifRun(tickline, (r) => round(r.standard.spread.p99Ms.median))
        : ifRun(tradesOnly.tickline, (r) => round(r.standard.spread.p99Ms.median)),
    tradeBytesPerUpdateByServer: Object.fromEntries(
      Object.entries(tradesOnly).map(([k, r]) => [k, round(r.standard.bytesPerUpdate)]),
    ),
    /** Bytes per update of each server at the standard step (this run's traffic). */
    bytesPerUpdateByServer: perServer((r) => round(r.standard.bytesPerUpdate)),
    /**
     * Real clients (decode, book replica, checksum verified) at the standard rate: p99 [min, median, max], the load
     * generator's CPU (cores), and checksum mismatches (must be 0).
     */
    realClients: Object.fromEntries(
      Object.entries(realClients).map(([k, r]) => [
        k,
        {
          p99Ms: [r.standard.spread.p99Ms.min, r.standard.spread.p99Ms.median, r.standard.spread.p99Ms.max].map((v) =>
            round(v),
          ),
          deliveredRatio: round(r.standard.deliveredRatio, 4),
          loadGeneratorCores: round(r.standard.loadGenerator.cpuShare, 2),
          loadGeneratorSaturated: r.standard.loadGenerator.saturated,
          checksumMismatches: r.standard.checksumMismatches,
        },
      ]),
    ),
    /** The same for the lean clients of the main run: what the real client's work costs the generator. */
    leanLoadGeneratorCores: perServer((r) => round(r.standard.loadGenerator.cpuShare, 2)),
    slowConsumerRssMb: sc?.rssMbPeak ?? null,
    browserFps: browser.browserFps,
    browserLongTasks: browser.browserLongTasks,
    // Context for the figures above.
    standardRate: run.standardRate,
    standardTradeRate: run.standardTradeRate,
    p90Ms: ifRun(tickline, (r) => round(r.standard.latency.p90Ms)),
    maxMs: ifRun(tickline, (r) => round(r.standard.latency.maxMs)),
    deliveredRatio: ifRun(tickline, (r) => round(r.standard.deliveredRatio, 4)),
    naiveP99Ms: ifRun(naive, (r) => round(r.standard.spread.p99Ms.median)),
    wsP99Ms: ifRun(ws, (r) => round(r.standard.spread.p99Ms.median)),
    batchedNaiveP99Ms: ifRun(batchedNaive, (r) => round(r.standard.spread.p99Ms.median)),
    batchedWsP99Ms: ifRun(batchedWs, (r) => round(r.standard.spread.p99Ms.median)),
    naiveDeliveredRatio: ifRun(naive, (r) => round(r.standard.deliveredRatio, 4)),
    wsDeliveredRatio: ifRun(ws, (r) => round(r.standard.deliveredRatio, 4)),
    batchedNaiveDeliveredRatio: ifRun(batchedNaive, (r) => round(r.standard.deliveredRatio, 4)),
    batchedWsDeliveredRatio: ifRun(batchedWs, (r) => round(r.standard.deliveredRatio, 4)),
    naiveBytesPerUpdate: ifRun(naive, (r) => round(r.standard.bytesPerUpdate)),
    wsBytesPerUpdate: ifRun(ws, (r) => round(r.standard.bytesPerUpdate)),
    batchedNaiveBytesPerUpdate: ifRun(batchedNaive, (r) => round(r.standard.bytesPerUpdate)),
    batchedWsBytesPerUpdate: ifRun(batchedWs, (r) => round(r.standard.bytesPerUpdate)),
    /** µs of server CPU per 1,000 updates delivered at the standard rate: efficiency no generator limit hides. */
    cpuUsPer1kDeliveries: perServer((r) => cpuUsPer1kDeliveries(r.standard.server.cpuShare, r.standard.updatesPerSec)),
    /** µs of server CPU per message a client received at the standard rate (a batch, a frame or an event). */
    cpuUsPerClientMessage: perServer((r) => cpuUsPerMessage(r.standard.server.cpuShare, r.standard.messagesPerSec)),
    /** Messages each client received per second at the standard rate: how much each server batches. */
    messagesPerClientPerSec: perServer((r) =>
      r.standard.measured.clients > 0 ? round(r.standard.messagesPerSec / r.standard.measured.clients) : null,
    ),
    loadGeneratorSaturated: perServer((r) => r.standard.loadGenerator.saturated),
    sustainedCapacity: perServer((r) => r.sustainedCapacity),
    capacityLimitedByLoadGenerator: perServer((r) => r.capacityLimitedByLoadGenerator),
    capacityLimitedByMachine: perServer((r) => r.capacityLimitedByMachine),
    /** Where capacity's bracket ended: the lowest failing rate, and whether it is within 10 % of the capacity. */
    capacityFailedAt: perServer((r) => r.capacityFailedAt),
    capacityConverged: perServer((r) => r.capacityConverged),
    /** Steps measured a second time because the first failed under contention (both are in the artifact). */
    retriedSteps: perServer((r) => r.retries),
    slowConsumerRssMbBefore: sc?.rssMbBefore ?? null,
    slowConsumersCut: sc?.dropped ?? null,
    slowConsumersRecovered: sc?.recovered ?? null,
    slowConsumersCutAfterS: sc?.lastDropAfterS ?? null,
    slowConsumerP99Ms: sc ? [round(sc.baseline.latency.p99Ms), round(sc.stalled.latency.p99Ms)] : null,
    slowConsumerP99ChangePct: sc?.p99ChangePct ?? null,
    /** The rate of the slow-consumer run, and the ordinary clients' p99 in its worst 6-second repeat. */
    slowConsumerRate: sc ? sc.stalled.rate : null,
    slowConsumerWorstRepeatP99Ms: sc?.worstRepeatP99Ms ?? null,
    /** Steps during which another process used the machine (their figures are not clean). */
    contendedSteps: [...allSteps, ...(sc ? [sc.baseline, sc.stalled] : [])].filter((s) => s.contended).length,
    /** Server heap per idle connection, KB, after GC, with `--idle-connections` (5,000) open: Tickline's. */
    idleConnKb: idleConnections.tickline?.heapKbPerConnection ?? null,
    idleConnKbByServer: Object.fromEntries(Object.entries(idleConnections).map(([k, r]) => [k, r.heapKbPerConnection])),
    benchSeconds,
    runSeconds: run.runSeconds,
  };
  const tl = tickline?.capacity;
  const targets = {
    capacityVsNaive: ratio(tl, naive?.capacity),
    capacityVsWs: ratio(tl, ws?.capacity),
    capacityTarget: 'capacity >= 10x naive and >= 5x ws',
    capacityVsBatchedNaive: ratio(tl, batchedNaive?.capacity),
    capacityVsBatchedWs: ratio(tl, batchedWs?.capacity),
    batchedCapacityTarget: 'capacity >= 1.5x batched Socket.IO and >= 0.8x batched raw ws (issue 13)',
    p99TargetMs: 20,
    p99Met: std ? std.spread.p99Ms.median <= 20 : null,
    p99Target:
      'p99 <= 20 ms at the standard scenario with the adaptive flush, capacity within 10 % of fixed (issue 13)',
    capacityVsFixed: ratio(tl, servers['tickline-fixed']?.capacity),
    bytesPerUpdateTarget: 30,
    bytesMet: std ? std.bytesPerUpdate <= 30 : null,
    p99TradesOnlyMet: tradesOnly.tickline ? tradesOnly.tickline.standard.spread.p99Ms.median <= 20 : null,
    checksumMismatches: Object.values(realClients).reduce((a, r) => a + r.standard.checksumMismatches, 0),
    // One-sided: the ordinary clients must not get slower; faster is not a failure.
    slowConsumerP99Met: sc ? sc.p99ChangePct <= 10 : null,
  };
  return { summary, targets };
}

function round(v: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function range(s: { min: number; max: number }): [number, number] {
  return [round(s.min), round(s.max)];
}

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a !== undefined && b !== undefined && b > 0 ? round(a / b, 2) : null;
}
