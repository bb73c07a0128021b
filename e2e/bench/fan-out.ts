// The fan-out benchmark for one server kind: connect the clients, measure the standard scenario, then search for
// capacity (capacity-search.ts): the offered rate doubled until updates miss the capacity criterion (>= 99%
// delivered, p99 < 100 ms), then bisected between the last rate that held and the first that did not until they are
// within 10 % of each other. Every measurement is recorded, including one set aside for a retry.

import { benchNow } from './bench-clock.ts';
import { type BenchProcess, startServer, type ServerProcess } from './bench-processes.ts';
import { startLoadGenerator } from './load-pool.ts';
import type { LoadConfig, ServerKind } from './load-generator.ts';
import { awaitIdleMachine } from './machine-cpu.ts';
import { DEFAULT_TOLERANCE, nextProbe, searchOutcome } from './capacity-search.ts';
import { retryReason } from './contention.ts';
import { measureStep, type StepResult, type StepTiming } from './measure-step.ts';

export interface FanOutOptions {
  clients: number;
  symbols: number;
  perClient: number;
  flushMs: number;
  standardRate: number;
  standard: StepTiming;
  capacitySteps: number[];
  capacity: StepTiming;
  /** Lowest rate the search tries below the ladder's first step (when that fails); default 50/s. */
  capacityFloor?: number;
  /** Highest rate the search doubles to past the ladder's top when every step passed; default the top. */
  capacityCeiling?: number;
  /** Load-generator processes sharing the clients (load-pool.ts). */
  loadProcesses: number;
  /** What the schedule offers, and what the clients do with it (load-generator.ts); trades and lean by default. */
  traffic?: LoadConfig['traffic'];
  mode?: LoadConfig['mode'];
  /** Rate the server runs at while clients connect, and between steps to let backlogs drain. */
  idleRate: number;
  /** The longest a drain waits for the clients to catch up (drain, below). */
  drainMs: number;
  log: (line: string) => void;
}

/** A measured step as recorded: what it was for, and any earlier measurement of it that was set aside. */
export interface RecordedStep extends StepResult {
  phase: 'standard' | 'capacity' | 'refine';
  /** Whether this is a second measurement, taken because the first one failed under contention. */
  retried: boolean;
  /** The measurements set aside for this one, each with why: kept so that nothing measured leaves the record. */
  setAside: { why: string; step: StepResult }[];
}

export interface FanOutResult {
  kind: ServerKind;
  connectMs: number;
  standard: RecordedStep;
  /** Every capacity step, in the order measured (ladder, then refinement). */
  steps: RecordedStep[];
  /** Highest offered rate that met the criterion with no failure below it (0 if none did). */
  capacity: number;
  /** The lowest rate that failed: the true limit lies in [capacity, capacityFailedAt). */
  capacityFailedAt: number | null;
  /** Whether the search narrowed that bracket to within CAPACITY_TOLERANCE. */
  capacityConverged: boolean;
  /** Highest step at which every update still arrived (>= 99%) with p99 under a second. */
  sustainedCapacity: number;
  /** Whether the load generator was saturated at the lowest failing step (then capacity is a lower bound). */
  capacityLimitedByLoadGenerator: boolean;
  /** Whether the machine was full (server + generator) at the lowest failing step: the limit is the machine's too. */
  capacityLimitedByMachine: boolean;
  /** Steps measured twice because the first measurement failed under contention. */
  retries: number;
  /**
   * The capacity each repeat alone would give (the same search's steps judged by that repeat's verdicts): the
   * spread of the capacity figure. The reported capacity is the median repeat's verdict at every step.
   */
  capacityByRepeat: number[];
}

/** The capacity search stops once its bracket is this narrow (the issue asks for within 10 %). */
export const CAPACITY_TOLERANCE = DEFAULT_TOLERANCE;

export async function runFanOut(kind: ServerKind, o: FanOutOptions): Promise<FanOutResult> {
  const server = await startServer(kind, {
    symbols: o.symbols,
    rate: o.idleRate,
    flushMs: o.flushMs,
    traffic: o.traffic,
  });
  const lg = await startLoadGenerator(o.loadProcesses);
  try {
    const config: LoadConfig = {
      kind,
      url: server.url,
      clients: o.clients,
      symbols: o.symbols,
      perClient: o.perClient,
      slowClients: 0,
      slowPerClient: 0,
      traffic: o.traffic,
      mode: o.mode,
    };
    const connected = await lg.call<{ ms: number }>('connect', config);
    o.log(`${kind}: ${o.clients} clients subscribed in ${(connected.ms / 1000).toFixed(1)} s`);

    const drainLogged = async (): Promise<void> => {
      const ms = await drain(server, lg, o);
      if (ms >= 2000) o.log(`${kind}: the backlog took ${(ms / 1000).toFixed(1)} s to drain`);
    };

    // A step that failed while someone else used the machine says nothing about the server: drain, wait for a quiet
    // machine (our two processes idle at the drain rate) and measure it once more, keeping the first measurement.
    const measure = async (rate: number, timing: StepTiming, phase: RecordedStep['phase']): Promise<RecordedStep> => {
      const first = await measureStep(server, lg, rate, timing);
      const why = retryReason(first);
      if (why === undefined) return { ...first, phase, retried: false, setAside: [] };
      o.log(`${describe(kind, phase, first)}; ${why}: measuring again`);
      await drainLogged();
      await awaitIdleMachine(15_000, 0.15);
      const again = await measureStep(server, lg, rate, timing);
      return { ...again, phase, retried: true, setAside: [{ why, step: first }] };
    };

    const standard = await measure(o.standardRate, o.standard, 'standard');
    o.log(describe(kind, 'standard', standard));

    const plan = {
      ladder: o.capacitySteps,
      tolerance: CAPACITY_TOLERANCE,
      floor: o.capacityFloor ?? 50,
      ceiling: o.capacityCeiling,
    };
    const steps: RecordedStep[] = [];
    for (let next = nextProbe(plan, steps); next; next = nextProbe(plan, steps)) {
      // A refinement follows a failure: the queues it left would count against the rate measured next.
      if (next.phase === 'refine') await drainLogged();
      const step = await measure(next.rate, o.capacity, next.phase);
      steps.push(step);
      o.log(describe(kind, next.phase, step));
    }
    const outcome = searchOutcome(plan, steps);
    const repeats = Math.min(...steps.map((s) => s.repeats.length));
    const capacityByRepeat = Array.from(
      { length: Number.isFinite(repeats) ? repeats : 0 },
      (_, i) =>
        searchOutcome(
          plan,
          steps.map((s) => ({ rate: s.rate, passed: s.repeats[i]!.passed, sustained: s.repeats[i]!.sustained })),
        ).capacity,
    );
    const failed = steps.find((s) => s.rate === outcome.firstFailure && !s.passed);
    return {
      kind,
      connectMs: connected.ms,
      standard,
      steps,
      capacity: outcome.capacity,
      capacityFailedAt: outcome.firstFailure ?? null,
      capacityConverged: outcome.converged,
      sustainedCapacity: outcome.sustainedCapacity,
      capacityLimitedByLoadGenerator: failed?.loadGenerator.saturated ?? false,
      capacityLimitedByMachine: failed?.machineFull ?? false,
      retries: [standard, ...steps].filter((s) => s.retried).length,
      capacityByRepeat,
    };
  } finally {
    await lg.stop();
    await server.stop();
  }
}

/** A drain lasts at least this long (the idle rate's first trades reach the clients). */
const MIN_DRAIN_MS = 500;
/** The clients have caught up when the newest trade they hold was scheduled less than this long ago. */
const CAUGHT_UP_MS = 250;

/**
 * After an overloaded step the queues (engine buffers, kernel) hold seconds of data: they empty at the idle rate
 * before the next step, until the clients hold a trade scheduled less than CAUGHT_UP_MS ago, for at most drainMs.
 * A fixed two seconds was too long after a passing step and too short after a step whose backlog had reached 13 s
 * (batched Socket.IO at 64,000/s): the refinement after it measured that backlog (57 % delivered, p99 11 s).
 */
async function drain(server: ServerProcess, lg: BenchProcess, o: FanOutOptions): Promise<number> {
  const start = benchNow();
  await server.call('rate', { rate: o.idleRate });
  await sleep(MIN_DRAIN_MS);
  for (;;) {
    const freshest = await lg.call<number | null>('freshest');
    if ((freshest !== null && benchNow() - freshest < CAUGHT_UP_MS) || benchNow() - start >= o.drainMs) break;
    await sleep(100);
  }
  return benchNow() - start;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const msgPerClient = (s: StepResult): string =>
  s.measured.clients > 0 ? (s.messagesPerSec / s.measured.clients).toFixed(0) : '-';

export function describe(kind: string, phase: string, s: StepResult): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    `${kind} ${phase} ${s.rate}/s: delivered ${pct(s.deliveredRatio)} (${Math.round(s.updatesPerSec)}/s), ` +
    `p50 ${s.latency.p50Ms.toFixed(1)} p99 ${s.latency.p99Ms.toFixed(1)}` +
    (s.repeats.length > 1
      ? ` (repeats ${s.repeats.map((r) => `${r.p99Ms.toFixed(1)}${r.passed ? '' : 'x'}`).join('/')})`
      : '') +
    ` max ${s.latency.maxMs.toFixed(0)} ms, ` +
    `${s.bytesPerUpdate.toFixed(1)} B/update, ${msgPerClient(s)} msg/client/s, server cpu ${pct(s.server.cpuShare)} rss ${s.server.rssMb} MB, ` +
    `loadgen cpu ${pct(s.loadGenerator.cpuShare)}${s.loadGenerator.saturated ? ' SATURATED' : ''}, ` +
    `machine ${pct(s.machineBusy)}${s.machineFull ? ' FULL' : ''}${s.contended ? ` (CONTENDED: others used ${s.otherCores.toFixed(2)} cores)` : ''} ` +
    `-> ${s.passed ? 'pass' : 'FAIL'}`
  );
}
