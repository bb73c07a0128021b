// `npm run bench -- --cluster`: what the Redis bus costs. The single process (the baseline) and a cluster (feed node
// -> Redis -> edge, three processes) take the same synthetic feed to the same clients and are measured by the same
// code (measureStep, the load generator), in runs that alternate within one bench run, so their difference is a
// same-run figure. Then one edge's clients are stepped up: how many it serves within the capacity criterion, and
// what each 1,000 clients cost it; last, stand-in edges read the stream: what each edge costs Redis.

import { startServer, type BenchProcess, type ServerProcess } from './bench-processes.ts';
import { startLoadGenerator } from './load-pool.ts';
import { type ClusterUnderTest, startCluster } from './cluster-under-test.ts';
import type { ClusterWindowStats } from './cluster-window.ts';
import { describe } from './fan-out.ts';
import type { LoadConfig } from './load-generator.ts';
import { awaitIdleMachine } from './machine-cpu.ts';
import { measureStep, type StepResult, type StepTiming } from './measure-step.ts';
import { measureRedisFanOut, type RedisFanOutStep } from './redis-fan-out.ts';
import { passedMost } from './window-verdict.ts';

export type SetupKind = 'single' | 'cluster';

export interface ClusterBenchOptions {
  clients: number;
  symbols: number;
  perClient: number;
  flushMs: number;
  standardRate: number;
  /** Pairs of runs, single and cluster, their order alternating from one pair to the next. */
  runs: number;
  /** Measured windows per run and per client count of the ladder. */
  windows: number;
  /** The warm-up window after clients connect (and a window measured again after a drain): a longer settle. */
  first: StepTiming;
  next: StepTiming;
  /** Client counts one edge is measured at, ascending; stops at the first that fails the capacity criterion. */
  ladder: number[];
  /** Stand-in edges reading the stream besides the real one, for Redis's cost per edge (redis-fan-out.ts). */
  readerCounts: number[];
  /** Rate while clients connect and while a contended window's backlog drains. */
  idleRate: number;
  log: (line: string) => void;
}

export interface MeasuredWindow extends StepResult {
  /** When the window was measured (wall clock, for the record). */
  at: string;
  /** The cluster's parts, for a cluster window. */
  cluster?: ClusterWindowStats;
}

export interface WindowSet {
  /**
   * The first window of a freshly started set of processes: measured and kept, not counted. A cluster's first
   * seconds at full rate carry its JIT warm-up and its first major GCs (up to ~20 ms more p99 in trials).
   */
  warmup?: MeasuredWindow;
  windows: MeasuredWindow[];
  /** Windows measured while another process used the machine, each replaced by a new measurement; kept for the record. */
  replaced: MeasuredWindow[];
}

export interface SetupRun extends WindowSet {
  kind: SetupKind;
  /** Which pair of runs (1-based). */
  pair: number;
  connectMs: number;
}

export interface LadderStep extends WindowSet {
  clients: number;
  connectMs: number;
}

export interface ClusterBenchResult {
  runs: SetupRun[];
  ladder: LadderStep[];
  redisFanOut: RedisFanOutStep[];
}

export async function runClusterBench(o: ClusterBenchOptions): Promise<ClusterBenchResult> {
  const runs: SetupRun[] = [];
  for (let pair = 1; pair <= o.runs; pair++) {
    // Alternating order: whatever drifts over a run (the machine's state, other users) falls on both kinds alike.
    const order: SetupKind[] = pair % 2 === 1 ? ['single', 'cluster'] : ['cluster', 'single'];
    for (const kind of order) {
      await quietMachine(`${kind} run ${pair}`, o);
      runs.push(await measureSetup(kind, pair, o));
    }
  }
  await quietMachine('the edge ladder', o);
  const ladder = await measureLadder(o);
  await quietMachine('the Redis fan-out', o);
  const redisFanOut = await measureRedisFanOut({
    ...o,
    readerCounts: o.readerCounts,
    settleMs: o.next.settleMs * 2,
    windowMs: o.next.windowMs,
  });
  return { runs, ladder, redisFanOut };
}

async function startKind(kind: SetupKind, o: ClusterBenchOptions): Promise<ServerProcess | ClusterUnderTest> {
  const args = { symbols: o.symbols, rate: o.idleRate, flushMs: o.flushMs };
  return kind === 'single' ? startServer('tickline', args) : startCluster(args);
}

function loadConfig(url: string, clients: number, o: ClusterBenchOptions): LoadConfig {
  // Clients are added in groups that each give every symbol the same number of subscribers.
  if ((clients * o.perClient) % o.symbols !== 0) {
    throw new Error(`${clients} clients x ${o.perClient} symbols do not spread evenly over ${o.symbols} symbols`);
  }
  return {
    kind: 'tickline',
    url,
    clients,
    symbols: o.symbols,
    perClient: o.perClient,
    slowClients: 0,
    slowPerClient: 0,
  };
}

async function measureSetup(kind: SetupKind, pair: number, o: ClusterBenchOptions): Promise<SetupRun> {
  const server = await startKind(kind, o);
  let lg: BenchProcess | undefined;
  try {
    lg = await startLoadGenerator();
    const connected = await lg.call<{ ms: number }>('connect', loadConfig(server.url, o.clients, o));
    o.log(`${kind} run ${pair}: ${o.clients} clients subscribed in ${(connected.ms / 1000).toFixed(1)} s`);
    const set = await measureWindows(server, lg, `${kind} run ${pair}`, o, { ...STANDARD_POLICY, warmup: true });
    return { kind, pair, connectMs: connected.ms, ...set };
  } finally {
    await lg?.stop();
    await server.stop();
  }
}

async function measureLadder(o: ClusterBenchOptions): Promise<LadderStep[]> {
  const cluster = await startCluster({ symbols: o.symbols, rate: o.idleRate, flushMs: o.flushMs });
  let lg: BenchProcess | undefined;
  const steps: LadderStep[] = [];
  try {
    lg = await startLoadGenerator();
    let connected = 0;
    for (const clients of o.ladder) {
      await cluster.call('rate', { rate: o.idleRate });
      // The load generator adds clients to those it has; each group spreads evenly over the symbols.
      const added = await lg.call<{ ms: number }>('connect', loadConfig(cluster.url, clients - connected, o));
      connected = clients;
      o.log(
        `ladder: ${clients} clients on the edge (${clients - (steps.at(-1)?.clients ?? 0)} added in ${(added.ms / 1000).toFixed(1)} s)`,
      );
      const set = await measureWindows(cluster, lg, `ladder ${clients} clients`, o, {
        onlyFailing: true,
        stopWhenFailed: true,
        warmup: steps.length === 0,
      });
      steps.push({ clients, connectMs: added.ms, ...set });
      if (!passedMost(set.windows)) break;
    }
    return steps;
  } finally {
    await lg?.stop();
    await cluster.stop();
  }
}

interface WindowPolicy {
  /**
   * Measure again only a contended window that failed (as the fan-out bench does): on the ladder, a count that
   * overloads the machine shows kernel threads (ksoftirqd) as "others", and measuring it again changes nothing.
   */
  onlyFailing: boolean;
  /** Stop once most windows have failed: the count cannot pass, and an overloaded step only builds backlogs. */
  stopWhenFailed: boolean;
  /** Measure a warm-up window first (freshly started processes). */
  warmup: boolean;
}

const STANDARD_POLICY: WindowPolicy = { onlyFailing: false, stopWhenFailed: false, warmup: false };

async function measureWindows(
  server: ServerProcess | ClusterUnderTest,
  lg: BenchProcess,
  label: string,
  o: ClusterBenchOptions,
  policy: WindowPolicy,
): Promise<WindowSet> {
  const windows: MeasuredWindow[] = [];
  const replaced: MeasuredWindow[] = [];
  let warmup: MeasuredWindow | undefined;
  if (policy.warmup) {
    warmup = await measureWindow(server, lg, o.standardRate, o.first);
    o.log(`${describeWindow(label, 'warm-up', warmup)} (not counted)`);
  }
  for (let i = 0; i < o.windows; i++) {
    // Right after new clients connected (no warm-up window), a longer settle.
    let w = await measureWindow(server, lg, o.standardRate, i === 0 && !warmup ? o.first : o.next);
    if (w.contended && !(policy.onlyFailing && w.passed)) {
      // Another process shared the two cores: this window says nothing clean about either kind. Drain, wait for a
      // quiet machine, measure it again; keep the first for the record.
      o.log(`${describe(label, `window ${i + 1}`, w)}; contended, measuring again`);
      replaced.push(w);
      await server.call('rate', { rate: o.idleRate });
      await new Promise((r) => setTimeout(r, 2000));
      await awaitIdleMachine(15_000, 0.15);
      w = await measureWindow(server, lg, o.standardRate, o.first);
    }
    o.log(describeWindow(label, `window ${i + 1}`, w));
    windows.push(w);
    if (policy.stopWhenFailed && windows.filter((x) => !x.passed).length * 2 > o.windows) break;
  }
  return { ...(warmup ? { warmup } : {}), windows, replaced };
}

async function measureWindow(
  server: ServerProcess | ClusterUnderTest,
  lg: BenchProcess,
  rate: number,
  timing: StepTiming,
): Promise<MeasuredWindow> {
  const at = new Date().toISOString();
  const step = await measureStep(server, lg, rate, timing);
  return 'lastWindow' in server ? { at, ...step, cluster: server.lastWindow() } : { at, ...step };
}

function describeWindow(label: string, phase: string, w: MeasuredWindow): string {
  const line = describe(label, phase, w);
  const c = w.cluster;
  if (!c) return line;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    `${line}; feed ${pct(c.feed.cpuShare)} edge ${pct(c.edge.cpuShare)} redis ${pct(c.redis.cpuShare)} cpu, ` +
    `bus ${c.bus.bytesPerUpdate.toFixed(1)} B/update (redis out ${c.bus.redisOutBytesPerUpdate.toFixed(1)}), ` +
    `edge lag ${c.bus.edgeLagMs.toFixed(1)} ms` +
    (c.bus.gaps + c.bus.mismatches + c.bus.badEntries + c.bus.dropped > 0
      ? `, BUS TROUBLE: ${c.bus.gaps} gaps ${c.bus.mismatches} mismatches ${c.bus.badEntries} bad entries ${c.bus.dropped} dropped`
      : '')
  );
}

// Another process busy on a 2-core machine skews everything: wait (briefly) for it, and say so if it does not stop.
async function quietMachine(phase: string, o: ClusterBenchOptions): Promise<void> {
  const { busy, waitedMs } = await awaitIdleMachine(10_000);
  if (busy >= 0.1)
    o.log(`warning: before ${phase} the machine was ${Math.round(busy * 100)}% busy; its figures may be skewed`);
  else if (waitedMs > 2000) o.log(`waited ${(waitedMs / 1000).toFixed(0)} s for a quiet machine before ${phase}`);
}
