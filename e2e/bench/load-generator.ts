// The load generator, its own process: N clients of one server kind, measured over windows of the bench clock.
// Per window it reports delivered updates (under book traffic each trade stands for its symbol's level changes too:
// delivery-recorder.ts) against the offered schedule, tick-to-client latency, bytes on the wire per update (trades
// and level changes), and its own CPU and event-loop delay, so a saturated load generator is told apart from a
// saturated server. Several of them share the clients (load-pool.ts), their windows merged (window-merge.ts).

import { serveIpc, announceReady } from './bench-ipc.ts';
import { isTickline, type ServerKind } from './server-kinds.ts';
import { benchNow } from './bench-clock.ts';
import { symbolName, type Traffic, updatesPerTrade } from './fixed-schedule.ts';
import { type LatencySummary, type SparseHistogram } from './latency-histogram.ts';
import { coreShare, processStatsReader } from './process-stats.ts';
import { createBatchedNaiveClient } from './clients/batched-naive-client.ts';
import { createBatchedWsClient } from './clients/batched-ws-client.ts';
import { createBatchedWsRealClient } from './clients/batched-ws-real-client.ts';
import { type BenchClient, type ClientCounters, DeliveryRecorder } from './clients/delivery-recorder.ts';
import { createNaiveClient } from './clients/naive-client.ts';
import { PlainBooks } from './clients/plain-books.ts';
import { createTicklineClient } from './clients/tickline-client.ts';
import { createTicklineRealClient } from './clients/tickline-real-client.ts';
import { type UpdateBreakdown, UpdateSampler } from './clients/update-sampler.ts';
import { createWsClient } from './clients/ws-client.ts';
import { type IdleSockets, openIdleSockets } from './clients/idle-sockets.ts';

export type { ServerKind } from './server-kinds.ts';

export interface LoadConfig {
  kind: ServerKind;
  /** http://127.0.0.1:port (Socket.IO) or ws://127.0.0.1:port (ws). */
  url: string;
  clients: number;
  symbols: number;
  perClient: number;
  /** Extra clients, not measured, that `pause` stops reading (slow consumers). */
  slowClients: number;
  slowPerClient: number;
  /** What the server's schedule offers (fixed-schedule.ts); trades only by default. */
  traffic?: Traffic;
  /**
   * `lean` (the default) clients only count what arrives; `real` ones do a dashboard's work: Tickline's and batched
   * ws's decode each batch into a book replica checked against the server's checksum, the JSON baselines' apply each
   * level change to a Map book.
   */
  mode?: 'lean' | 'real';
}

export interface WindowArgs {
  /** Bench clock: measure trades scheduled in [from, to). */
  from: number;
  to: number;
  /** How long after `to` a trade may still arrive and count. */
  graceMs: number;
  /** The offered rate during the window, updates/s over all symbols. */
  rate: number;
  /** Cut the window into this many equal parts, each measured on its own (the step's repeats); default 1. */
  parts?: number;
}

/** One part of a window: the figures a repeat of the step gives. */
export interface WindowPart {
  expected: number;
  delivered: number;
  deliveredRatio: number;
  updatesPerSec: number;
  latency: LatencySummary;
  /** The load generator's CPU over this part (a share of one core; summed over its processes). */
  loadGeneratorCpu: number;
}

/** What a load-generator process adds to a window's figures so several of them merge exactly (load-pool.ts). */
export interface WindowRaw {
  wireBytes: number;
  arrived: number;
  latency: SparseHistogram;
  parts: { delivered: number; latency: SparseHistogram }[];
}

export interface LoadGeneratorStats {
  cpuShare: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssMb: number;
  /** Its CPU near a full core or its event loop lagging: what it measured is its own limit, not the server's. */
  saturated: boolean;
}

export interface WindowResult {
  durationMs: number;
  expected: number;
  delivered: number;
  deliveredRatio: number;
  updatesPerSec: number;
  latency: LatencySummary;
  /** Wire bytes read by the measured clients per update that arrived in the window. */
  bytesPerUpdate: number;
  wireMbPerSec: number;
  /**
   * Data messages (batches, frames or events) the measured clients received per second, all of them together: what
   * the server wrote (server-efficiency.ts: its CPU per message) and what each client had to read.
   */
  messagesPerSec: number;
  loadGenerator: LoadGeneratorStats;
  breakdown: UpdateBreakdown | undefined;
  measured: GroupStatus;
  /** Book checksums the measured clients found wrong since they connected (real clients only; must be 0). */
  checksumMismatches: number;
  /** The window's parts, in order (one part: the whole window). */
  parts: WindowPart[];
  /** For merging across processes; the pool removes it. */
  raw?: WindowRaw;
}

export interface GroupStatus extends Omit<ClientCounters, 'lastSyncedAt' | 'lastDisconnectAt'> {
  clients: number;
  /** Clients whose latest (re)subscription completed after `since`. */
  syncedSince: number;
  /** Clients that were disconnected and have since reconnected and resubscribed. */
  recovered: number;
  /** The longest of those recoveries, from the disconnect to the snapshots in hand (ms). */
  worstRecoveryMs: number;
}

export const LG_SATURATED_CPU = 0.9;
export const LG_SATURATED_LOOP_P99_MS = 50;

const measuredRecorder = new DeliveryRecorder();
const slowRecorder = new DeliveryRecorder();
let sampler: UpdateSampler | undefined;
let config: LoadConfig | undefined;
let measured: BenchClient[] = [];
let slow: BenchClient[] = [];
const readStats = processStatsReader();

const sleepUntil = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - benchNow())));

function makeClient(c: LoadConfig, symbols: string[], recorder: DeliveryRecorder, sample: UpdateSampler | undefined) {
  recorder.countTradesAs(updatesPerTrade(c.traffic ?? 'trades'));
  const real = c.mode === 'real';
  if (isTickline(c.kind))
    return (real ? createTicklineRealClient : createTicklineClient)(c.url, symbols, recorder, sample);
  const books = real ? new PlainBooks() : undefined;
  if (c.kind === 'naive') return createNaiveClient(c.url, symbols, recorder, books);
  if (c.kind === 'batched-naive') return createBatchedNaiveClient(c.url, symbols, recorder, books);
  if (c.kind === 'batched-ws')
    return (real ? createBatchedWsRealClient : createBatchedWsClient)(c.url, symbols, recorder);
  return createWsClient(c.url, symbols, recorder, books);
}

/** A process's share of the clients: client numbers from `firstClient` on (so each keeps its symbols). */
export interface ConnectArgs extends LoadConfig {
  firstClient?: number;
}

async function connectAll(c: ConnectArgs): Promise<{ clients: number; slowClients: number; ms: number }> {
  config = c;
  const first = c.firstClient ?? 0;
  sampler = isTickline(c.kind) ? new UpdateSampler() : undefined;
  const t0 = benchNow();
  const batch = 50;
  // Client i takes symbols i*k .. i*k+k-1 (mod S): with 1,000 x 5 of 50, every symbol has exactly 100 subscribers.
  for (let i = 0; i < c.clients; i += batch) {
    const group: BenchClient[] = [];
    for (let j = i; j < Math.min(i + batch, c.clients); j++) {
      const symbols = Array.from({ length: c.perClient }, (_, k) =>
        symbolName(((first + j) * c.perClient + k) % c.symbols),
      );
      group.push(makeClient(c, symbols, measuredRecorder, sampler));
    }
    measured.push(...group);
    await withTimeout(
      Promise.all(group.map((g) => g.ready)),
      30_000,
      `clients ${i}..${i + group.length - 1} subscribed`,
    );
  }
  await addSlow(c.slowClients, c.slowPerClient);
  return { clients: measured.length, slowClients: slow.length, ms: benchNow() - t0 };
}

/** Connects `count` more clients, not measured, each on the first `perClient` symbols: the future slow consumers. */
async function addSlow(count: number, perClient: number): Promise<number> {
  const c = config;
  if (!c) throw new Error('connect first');
  const added: BenchClient[] = [];
  for (let i = 0; i < count; i++) {
    const symbols = Array.from({ length: perClient }, (_, k) => symbolName(k % c.symbols));
    added.push(makeClient(c, symbols, slowRecorder, undefined));
  }
  slow.push(...added);
  await withTimeout(Promise.all(added.map((g) => g.ready)), 30_000, 'slow clients subscribed');
  return slow.length;
}

function wireBytes(clients: BenchClient[]): Map<BenchClient, { socket: object | undefined; bytes: number }> {
  return new Map(clients.map((c) => [c, c.bytesRead()]));
}

function bytesBetween(a: ReturnType<typeof wireBytes>, b: ReturnType<typeof wireBytes>): number {
  let total = 0;
  // A client that reconnected in between has a new TCP socket; its bytes are left out rather than guessed.
  for (const [client, end] of b) {
    const start = a.get(client);
    if (start && start.socket === end.socket) total += end.bytes - start.bytes;
  }
  return total;
}

function groupStatus(clients: BenchClient[], since: number): GroupStatus {
  const s: GroupStatus = {
    clients: clients.length,
    connects: 0,
    disconnects: 0,
    resyncs: 0,
    gaps: 0,
    syncedSince: 0,
    recovered: 0,
    worstRecoveryMs: 0,
  };
  for (const c of clients) {
    const { lastDisconnectAt, lastSyncedAt } = c.counters;
    if (lastDisconnectAt > 0 && lastSyncedAt > lastDisconnectAt) {
      s.recovered++;
      s.worstRecoveryMs = Math.max(s.worstRecoveryMs, lastSyncedAt - lastDisconnectAt);
    }
    s.connects += c.counters.connects;
    s.disconnects += c.counters.disconnects;
    s.resyncs += c.counters.resyncs;
    s.gaps += c.counters.gaps;
    if (c.counters.lastSyncedAt > since) s.syncedSince++;
  }
  return s;
}

async function measureWindow(w: WindowArgs): Promise<WindowResult> {
  const c = config;
  if (!c) throw new Error('connect first');
  const parts = Math.max(1, Math.floor(w.parts ?? 1));
  measuredRecorder.arm(w.from, w.to, parts);
  await sleepUntil(w.from);
  sampler?.reset();
  const bytes0 = wireBytes(measured);
  const arrived0 = measuredRecorder.arrived;
  const messages0 = measuredRecorder.messages;
  const lg0 = readStats();
  const boundaries = [lg0];
  for (let i = 1; i <= parts; i++) {
    await sleepUntil(w.from + ((w.to - w.from) * i) / parts);
    boundaries.push(readStats());
  }
  const bytes1 = wireBytes(measured);
  const arrived1 = measuredRecorder.arrived;
  const messages1 = measuredRecorder.messages;
  const lg1 = boundaries[parts]!;
  await sleepUntil(w.to + w.graceMs);
  const durationMs = w.to - w.from;
  const expected = Math.round(((w.rate * durationMs) / 1000) * ((measured.length * c.perClient) / c.symbols));
  const delivered = measuredRecorder.inWindow;
  const wire = bytesBetween(bytes0, bytes1);
  const cpuShare = coreShare(lg0, lg1);
  const partMs = durationMs / parts;
  const partExpected = Math.round(expected / parts);
  const recorded = measuredRecorder.parts();
  return {
    durationMs,
    expected,
    delivered,
    deliveredRatio: expected ? delivered / expected : 0,
    updatesPerSec: delivered / (durationMs / 1000),
    latency: measuredRecorder.latency.summary(),
    bytesPerUpdate: arrived1 > arrived0 ? wire / (arrived1 - arrived0) : 0,
    wireMbPerSec: wire / 1e6 / ((lg1.time - lg0.time) / 1000),
    messagesPerSec: (messages1 - messages0) / ((lg1.time - lg0.time) / 1000),
    loadGenerator: {
      cpuShare,
      // Each reading covers the part before it: the worst part stands for the window.
      loopDelayP99Ms: Math.max(...boundaries.slice(1).map((b) => b.loopDelayP99Ms)),
      loopDelayMaxMs: Math.max(...boundaries.slice(1).map((b) => b.loopDelayMaxMs)),
      rssMb: lg1.rssBytes / 2 ** 20,
      saturated:
        cpuShare >= LG_SATURATED_CPU || boundaries.slice(1).some((b) => b.loopDelayP99Ms >= LG_SATURATED_LOOP_P99_MS),
    },
    breakdown: sampler?.result(),
    measured: groupStatus(measured, w.from),
    checksumMismatches: measuredRecorder.mismatches,
    parts: recorded.map((p, i) => ({
      expected: partExpected,
      delivered: p.delivered,
      deliveredRatio: partExpected ? p.delivered / partExpected : 0,
      updatesPerSec: p.delivered / (partMs / 1000),
      latency: p.latency.summary(),
      loadGeneratorCpu: coreShare(boundaries[i]!, boundaries[i + 1]!),
    })),
    raw: {
      wireBytes: wire,
      arrived: arrived1 - arrived0,
      latency: measuredRecorder.latency.toSparse(),
      parts: recorded.map((p) => ({ delivered: p.delivered, latency: p.latency.toSparse() })),
    },
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

let idle: IdleSockets | undefined;

serveIpc({
  connect: (c: ConnectArgs) => connectAll(c),
  /** Connections that never subscribe, for a server's memory per open connection (idle-connections.ts). */
  openIdle: async (args: { url: string; count: number; rawWs: boolean }) => {
    idle = await openIdleSockets(args.url, args.count, args.rawWs);
    return idle.count;
  },
  closeIdle: () => {
    idle?.close();
    idle = undefined;
    return true;
  },
  window: (w: WindowArgs) => measureWindow(w),
  /** The scheduled time of the newest trade the measured clients have received, or null before any. */
  freshest: () => (Number.isFinite(measuredRecorder.newestStamp) ? measuredRecorder.newestStamp : null),
  addSlow: (args: { count: number; perClient: number }) => addSlow(args.count, args.perClient),
  pauseSlow: () => {
    for (const c of slow) c.pause();
    return slow.length;
  },
  resumeSlow: () => {
    for (const c of slow) c.resume();
    return slow.length;
  },
  status: (args: { since: number }) => ({
    measured: groupStatus(measured, args.since),
    slow: groupStatus(slow, args.since),
  }),
  close: () => {
    for (const c of [...measured, ...slow]) c.close();
    measured = [];
    slow = [];
    setTimeout(() => process.exit(0), 100);
    return true;
  },
});
announceReady({ pid: process.pid });
