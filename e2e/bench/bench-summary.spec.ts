// The JSON line `npm run bench` prints is the benchmark's contract (issue 13's "Done when" names its keys): checked
// here on made-up results whose right answers are known, so a renamed key or a figure read off the wrong step fails.

import { describe, expect, it } from 'vitest';
import { type BenchRun, benchFigures } from './bench-summary.ts';
import type { FanOutResult, RecordedStep } from './fan-out.ts';
import type { ServerKind } from './server-kinds.ts';

const spreadOf = (min: number, median: number, max: number) => ({ min, median, max });

/** A standard step: `cpu` cores of server, `updates` and `messages` a second in all, over 1,000 clients. */
function step(o: { p99: [number, number, number]; cpu: number; updates: number; messages: number; bytes: number }) {
  return {
    rate: 4000,
    updatesPerSec: o.updates,
    deliveredRatio: 1,
    bytesPerUpdate: o.bytes,
    messagesPerSec: o.messages,
    latency: { p50Ms: o.p99[1] / 2, p90Ms: o.p99[1] * 0.8, p99Ms: o.p99[1], maxMs: o.p99[2] + 5, meanMs: 1 },
    spread: { p50Ms: spreadOf(1, o.p99[1] / 2, 30), p99Ms: spreadOf(...o.p99) },
    server: { cpuShare: o.cpu },
    loadGenerator: { cpuShare: 0.5, saturated: false },
    measured: { clients: 1000 },
    checksumMismatches: 0,
    contended: false,
  } as unknown as RecordedStep;
}

function result(kind: ServerKind, capacity: number, standard: RecordedStep): FanOutResult {
  return {
    kind,
    connectMs: 800,
    standard,
    steps: [],
    capacity,
    capacityFailedAt: capacity * 1.09,
    capacityConverged: true,
    sustainedCapacity: capacity * 2,
    capacityLimitedByLoadGenerator: false,
    capacityLimitedByMachine: true,
    retries: 0,
    capacityByRepeat: [capacity, capacity * 1.09, capacity],
  };
}

const tickline = result(
  'tickline',
  256_000,
  step({ p99: [39.9, 48.1, 58.9], cpu: 0.39, updates: 400_000, messages: 32_600, bytes: 22.3 }),
);
const batchedWs = result(
  'batched-ws',
  320_000,
  step({ p99: [59.9, 61.4, 64], cpu: 0.2, updates: 400_000, messages: 19_800, bytes: 19.9 }),
);
const batchedNaive = result(
  'batched-naive',
  16_000,
  step({ p99: [87, 88.1, 91.1], cpu: 0.77, updates: 400_000, messages: 99_600, bytes: 81.5 }),
);
const tradesOnly = result(
  'tickline',
  0,
  step({ p99: [8.1, 8.4, 9.6], cpu: 0.33, updates: 100_000, messages: 39_000, bytes: 31 }),
);

const run: BenchRun = {
  servers: { tickline, 'batched-ws': batchedWs, 'batched-naive': batchedNaive },
  tradesOnly: { tickline: tradesOnly },
  realClients: {},
  slowConsumer: undefined,
  idleConnections: { tickline: { heapKbPerConnection: 11.4 } as never },
  browser: { browserFps: 60, browserLongTasks: 0 },
  traffic: 'book',
  standardRate: 4000,
  standardTradeRate: 1000,
  benchSeconds: 400,
  runSeconds: 450,
};

describe('benchFigures', () => {
  it('prints every key issue 13 asks for, with the per-server figures as objects', () => {
    const { summary } = benchFigures(run);
    expect(summary).toMatchObject({
      batchedNaiveCapacity: 16_000,
      batchedWsCapacity: 320_000,
      bookBytesPerUpdate: 22.3,
      idleConnKb: 11.4,
      p99MsAdaptive: 48.1,
    });
    expect(summary.cpuUsPer1kDeliveries).toEqual({
      tickline: 975,
      'tickline-fixed': null,
      naive: null,
      'batched-naive': 1925,
      ws: null,
      'batched-ws': 500,
    });
  });

  it('gives each server its CPU per client message and how many messages each client got', () => {
    const { summary } = benchFigures(run);
    // 0.39 of a core over 32,600 messages a second: 12.0 µs each; 32.6 messages a client a second.
    expect(summary.cpuUsPerClientMessage).toMatchObject({ tickline: 12, 'batched-ws': 10.1, 'batched-naive': 7.7 });
    expect(summary.messagesPerClientPerSec).toMatchObject({ tickline: 32.6, 'batched-ws': 19.8, naive: null });
  });

  it('judges the targets on the right steps: book traffic for the standard p99, trades alone for the other', () => {
    const { summary, targets } = benchFigures(run);
    expect(targets.capacityVsBatchedWs).toBe(0.8);
    expect(targets.capacityVsBatchedNaive).toBe(16);
    expect(targets.p99Met).toBe(false);
    expect(summary.tradeP99Ms).toBe(8.4);
    expect(targets.p99TradesOnlyMet).toBe(true);
    expect(targets.bytesMet).toBe(true);
    expect(summary.tradeBytesPerUpdate).toBe(31);
  });

  it('says null, not zero, for what the run did not measure', () => {
    const { summary, targets } = benchFigures({ ...run, servers: { tickline }, tradesOnly: {}, idleConnections: {} });
    expect(summary.batchedWsCapacity).toBeNull();
    expect(targets.capacityVsBatchedWs).toBeNull();
    expect(targets.p99TradesOnlyMet).toBeNull();
    expect(summary.idleConnKb).toBeNull();
    expect(summary.cpuUsPerClientMessage['batched-ws']).toBeNull();
  });
});
