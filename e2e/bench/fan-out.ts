// The fan-out benchmark for one server kind: connect the clients, measure the standard scenario, then step the
// offered rate up (doubling) until updates miss the capacity criterion (>= 99% delivered, p99 < 100 ms), and
// refine once between the last rate that held and the first that did not (or below the first step, if it failed).
// Stepping goes on past that failure while the server still delivers everything within a second: how far it bends
// before it breaks.

import { startLoadGenerator, startServer, type ServerProcess } from './bench-processes.ts';
import type { LoadConfig, ServerKind } from './load-generator.ts';
import { awaitIdleMachine } from './machine-cpu.ts';
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
  /** Rate the server runs at while clients connect, and between steps to let backlogs drain. */
  idleRate: number;
  drainMs: number;
  log: (line: string) => void;
}

export interface FanOutResult {
  kind: ServerKind;
  connectMs: number;
  standard: StepResult;
  steps: StepResult[];
  /** Highest offered rate that met the criterion (0 if none did). */
  capacity: number;
  /** Highest doubling step at which every update still arrived (>= 99%) with p99 under a second. */
  sustainedCapacity: number;
  /** Whether the load generator was saturated at the first failing step (then capacity is a lower bound). */
  capacityLimitedByLoadGenerator: boolean;
}

export async function runFanOut(kind: ServerKind, o: FanOutOptions): Promise<FanOutResult> {
  const server = await startServer(kind, { symbols: o.symbols, rate: o.idleRate, flushMs: o.flushMs });
  const lg = await startLoadGenerator();
  try {
    const config: LoadConfig = {
      kind,
      url: server.url,
      clients: o.clients,
      symbols: o.symbols,
      perClient: o.perClient,
      slowClients: 0,
      slowPerClient: 0,
    };
    const connected = await lg.call<{ ms: number }>('connect', config);
    o.log(`${kind}: ${o.clients} clients subscribed in ${(connected.ms / 1000).toFixed(1)} s`);

    // A step that failed while someone else used the machine says nothing about the server: drain, wait for a quiet
    // machine (our two processes idle at the drain rate) and measure it once more.
    const measure = async (rate: number, timing: StepTiming, phase: string): Promise<StepResult> => {
      const step = await measureStep(server, lg, rate, timing);
      if (step.passed || !step.contended) return step;
      o.log(`${describe(kind, phase, step)}; contended, measuring again`);
      await drain(server, o);
      await awaitIdleMachine(15_000, 0.15);
      return measureStep(server, lg, rate, timing);
    };

    const standard = await measure(o.standardRate, o.standard, 'standard');
    o.log(describe(kind, 'standard', standard));

    const steps: StepResult[] = [];
    let lastPass = 0;
    let sustained = 0;
    let firstFail: StepResult | undefined;
    // Doubling: past the first failure too, while every update still arrives within a second (for context).
    for (const rate of o.capacitySteps) {
      const step = await measure(rate, o.capacity, 'capacity');
      steps.push(step);
      o.log(describe(kind, 'capacity', step));
      if (step.passed && !firstFail) lastPass = rate;
      if (!step.passed) firstFail ??= step;
      if (!step.sustained) break;
      sustained = rate;
    }
    if (firstFail) {
      await drain(server, o);
      // Halfway (geometrically) between the last pass and the first failure; half the first step if that failed.
      const mid = Math.round(lastPass > 0 ? Math.sqrt(lastPass * firstFail.rate) : firstFail.rate / 2);
      const step = await measure(mid, o.capacity, 'refine');
      steps.push(step);
      o.log(describe(kind, 'refine', step));
      if (step.passed) lastPass = mid;
      else firstFail = step;
    }
    return {
      kind,
      connectMs: connected.ms,
      standard,
      steps,
      capacity: lastPass,
      sustainedCapacity: sustained,
      capacityLimitedByLoadGenerator: firstFail?.loadGenerator.saturated ?? false,
    };
  } finally {
    await lg.stop();
    await server.stop();
  }
}

// After an overloaded step the queues (engine buffers, kernel) hold seconds of data: let them empty first.
async function drain(server: ServerProcess, o: FanOutOptions): Promise<void> {
  await server.call('rate', { rate: o.idleRate });
  await new Promise((r) => setTimeout(r, o.drainMs));
}

export function describe(kind: string, phase: string, s: StepResult): string {
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return (
    `${kind} ${phase} ${s.rate}/s: delivered ${pct(s.deliveredRatio)} (${Math.round(s.updatesPerSec)}/s), ` +
    `p50 ${s.latency.p50Ms.toFixed(1)} p99 ${s.latency.p99Ms.toFixed(1)} max ${s.latency.maxMs.toFixed(0)} ms, ` +
    `${s.bytesPerUpdate.toFixed(1)} B/update, server cpu ${pct(s.server.cpuShare)} rss ${s.server.rssMb} MB, ` +
    `loadgen cpu ${pct(s.loadGenerator.cpuShare)}${s.loadGenerator.saturated ? ' SATURATED' : ''}, ` +
    `machine ${pct(s.machineBusy)}${s.contended ? ` (CONTENDED: others used ${s.otherCores.toFixed(2)} cores)` : ''} ` +
    `-> ${s.passed ? 'pass' : 'FAIL'}`
  );
}
