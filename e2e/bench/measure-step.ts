// One measured step: set the offered rate on a server, let it settle, and measure a window of the bench clock
// on the load generator and the server at once.

import os from 'node:os';
import { benchNow } from './bench-clock.ts';
import type { BenchProcess, ServerProcess } from './bench-processes.ts';
import type { WindowResult } from './load-generator.ts';
import { isContended, otherCoresUsed } from './contention.ts';
import { machineBusy, sampleMachineCpu } from './machine-cpu.ts';
import { coreShare } from './process-stats.ts';
import { type Spread, spread } from './sample-stats.ts';

/** The capacity criterion: at least this share of the offered updates arrive... */
export const MIN_DELIVERED = 0.99;
/** ...and 99% of them within this long of their scheduled time. */
export const MAX_P99_MS = 100;

export { CONTENDED_CORES } from './contention.ts';

/** Share of all cores in use at which a step counts as the machine's limit (2 cores: 1.7 of them busy). */
export const MACHINE_FULL = 0.85;

/** A looser bar, for context: the rate a server still carries, every update arriving, within a second. */
export const SUSTAINED_MAX_P99_MS = 1000;

export interface ServerWindowStats {
  cpuShare: number;
  rssMb: number;
  heapUsedMb: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** How late the server's own emitter ran at worst (its event loop was busy). */
  emitterWorstLagMs: number;
  /** Updates the emitter skipped because it was over a second behind. */
  skipped: number;
  dropped: number;
}

export interface StepResult extends WindowResult {
  rate: number;
  server: ServerWindowStats;
  /** Share of all cores busy during the window. */
  machineBusy: number;
  /**
   * Cores used by everything but the server and the load generator (kernel threads, other processes): well above
   * ~0.1 means someone else was using the machine and the step's figures are not clean.
   */
  otherCores: number;
  /** otherCores above CONTENDED_CORES: another process competed for the machine during this step. */
  contended: boolean;
  /**
   * The whole machine was nearly full (server and load generator together at MACHINE_FULL of its cores): a failure
   * there is the machine's limit as much as the server's, even with no load-generator process saturated.
   */
  machineFull: boolean;
  /** The step's verdict: the median repeat's (more than half of the repeats passed). */
  passed: boolean;
  sustained: boolean;
  /** Each repeat (a part of the window, measured back to back after one settle), in order. */
  repeats: RepeatFigures[];
  /** Median and range over the repeats. */
  spread: { updatesPerSec: Spread; p50Ms: Spread; p99Ms: Spread; deliveredRatio: Spread; serverCpu: Spread };
}

export interface RepeatFigures {
  deliveredRatio: number;
  updatesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Server CPU over this repeat, a share of one core. */
  serverCpu: number;
  loadGeneratorCpu: number;
  passed: boolean;
  sustained: boolean;
}

export interface StepTiming {
  settleMs: number;
  /** The whole measured window: `repeats` parts of windowMs / repeats each. */
  windowMs: number;
  graceMs: number;
  /** How many times the step is measured (consecutive equal parts of the window); default 1. */
  repeats?: number;
}

const meets = (deliveredRatio: number, p99Ms: number, maxP99Ms: number) =>
  deliveredRatio >= MIN_DELIVERED && p99Ms < maxP99Ms;

const sleepUntil = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - benchNow())));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export async function measureStep(
  server: ServerProcess,
  lg: BenchProcess,
  rate: number,
  timing: StepTiming,
): Promise<StepResult> {
  await server.call('rate', { rate });
  const parts = Math.max(1, Math.floor(timing.repeats ?? 1));
  const from = benchNow() + timing.settleMs;
  const to = from + timing.windowMs;
  const window = lg.call<WindowResult>('window', { from, to, graceMs: timing.graceMs, rate, parts });
  await sleepUntil(from);
  const [s0, m0] = [await server.stats(), sampleMachineCpu()];
  const serverAt = [s0];
  for (let i = 1; i <= parts; i++) {
    await sleepUntil(from + (timing.windowMs * i) / parts);
    serverAt.push(await server.stats());
  }
  const [s1, m1] = [serverAt[parts]!, sampleMachineCpu()];
  const w = await window;
  const busy = machineBusy(m0, m1);
  const serverCpu = coreShare(s0, s1);
  const otherCores = otherCoresUsed(busy, os.cpus().length, serverCpu + w.loadGenerator.cpuShare);
  const repeats: RepeatFigures[] = w.parts.map((p, i) => ({
    deliveredRatio: p.deliveredRatio,
    updatesPerSec: p.updatesPerSec,
    p50Ms: p.latency.p50Ms,
    p99Ms: p.latency.p99Ms,
    serverCpu: coreShare(serverAt[i]!, serverAt[i + 1]!),
    loadGeneratorCpu: p.loadGeneratorCpu,
    passed: meets(p.deliveredRatio, p.latency.p99Ms, MAX_P99_MS),
    sustained: meets(p.deliveredRatio, p.latency.p99Ms, SUSTAINED_MAX_P99_MS),
  }));
  return {
    rate,
    ...w,
    server: {
      cpuShare: serverCpu,
      rssMb: mb(s1.rssBytes),
      heapUsedMb: mb(s1.heapUsedBytes),
      // Each reading covers the repeat before it: the worst one stands for the step.
      loopDelayP99Ms: Math.max(...serverAt.slice(1).map((s) => s.loopDelayP99Ms)),
      loopDelayMaxMs: Math.max(...serverAt.slice(1).map((s) => s.loopDelayMaxMs)),
      emitterWorstLagMs: s1.schedule.worstLagMs,
      skipped: s1.schedule.skipped,
      dropped: s1.dropped,
    },
    machineBusy: busy,
    otherCores,
    contended: isContended(otherCores),
    machineFull: busy >= MACHINE_FULL,
    passed: repeats.filter((r) => r.passed).length * 2 > repeats.length,
    sustained: repeats.filter((r) => r.sustained).length * 2 > repeats.length,
    repeats,
    spread: {
      updatesPerSec: spread(repeats.map((r) => r.updatesPerSec)),
      p50Ms: spread(repeats.map((r) => r.p50Ms)),
      p99Ms: spread(repeats.map((r) => r.p99Ms)),
      deliveredRatio: spread(repeats.map((r) => r.deliveredRatio)),
      serverCpu: spread(repeats.map((r) => r.serverCpu)),
    },
  };
}
