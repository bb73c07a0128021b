// One measured step: set the offered rate on a server, let it settle, and measure a window of the bench clock
// on the load generator and the server at once.

import os from 'node:os';
import { benchNow } from './bench-clock.ts';
import type { BenchProcess, ServerProcess } from './bench-processes.ts';
import type { WindowResult } from './load-generator.ts';
import { isContended, otherCoresUsed } from './contention.ts';
import { machineBusy, sampleMachineCpu } from './machine-cpu.ts';
import { coreShare } from './process-stats.ts';

/** The capacity criterion: at least this share of the offered updates arrive... */
export const MIN_DELIVERED = 0.99;
/** ...and 99% of them within this long of their scheduled time. */
export const MAX_P99_MS = 100;

export { CONTENDED_CORES } from './contention.ts';

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
  passed: boolean;
  sustained: boolean;
}

export interface StepTiming {
  settleMs: number;
  windowMs: number;
  graceMs: number;
}

const sleepUntil = (t: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t - benchNow())));
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

export async function measureStep(
  server: ServerProcess,
  lg: BenchProcess,
  rate: number,
  timing: StepTiming,
): Promise<StepResult> {
  await server.call('rate', { rate });
  const from = benchNow() + timing.settleMs;
  const to = from + timing.windowMs;
  const window = lg.call<WindowResult>('window', { from, to, graceMs: timing.graceMs, rate });
  await sleepUntil(from);
  const [s0, m0] = [await server.stats(), sampleMachineCpu()];
  await sleepUntil(to);
  const [s1, m1] = [await server.stats(), sampleMachineCpu()];
  const w = await window;
  const busy = machineBusy(m0, m1);
  const serverCpu = coreShare(s0, s1);
  const otherCores = otherCoresUsed(busy, os.cpus().length, serverCpu + w.loadGenerator.cpuShare);
  return {
    rate,
    ...w,
    server: {
      cpuShare: serverCpu,
      rssMb: mb(s1.rssBytes),
      heapUsedMb: mb(s1.heapUsedBytes),
      loopDelayP99Ms: s1.loopDelayP99Ms,
      loopDelayMaxMs: s1.loopDelayMaxMs,
      emitterWorstLagMs: s1.schedule.worstLagMs,
      skipped: s1.schedule.skipped,
      dropped: s1.dropped,
    },
    machineBusy: busy,
    otherCores,
    contended: isContended(otherCores),
    passed: w.deliveredRatio >= MIN_DELIVERED && w.latency.p99Ms < MAX_P99_MS,
    sustained: w.deliveredRatio >= MIN_DELIVERED && w.latency.p99Ms < SUSTAINED_MAX_P99_MS,
  };
}
