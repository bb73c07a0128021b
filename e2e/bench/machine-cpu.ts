// How busy the whole machine is (all cores, kernel included): on a 2-core box the server, the load generator and
// the loopback network stack share the same cores, and this says when there was nothing left to share.

import os from 'node:os';

export interface MachineCpuSample {
  busy: number;
  total: number;
}

export function sampleMachineCpu(): MachineCpuSample {
  let busy = 0;
  let total = 0;
  for (const { times } of os.cpus()) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** Share of all cores busy between two samples (1 = every core fully busy). */
export const machineBusy = (a: MachineCpuSample, b: MachineCpuSample): number =>
  b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : 0;

/**
 * Waits (at most `maxWaitMs`) until the machine is nearly idle, so a benchmark does not share its two cores with
 * someone else's work; resolves with the last busy share seen.
 */
export async function awaitIdleMachine(
  maxWaitMs: number,
  idleBelow = 0.1,
): Promise<{ busy: number; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const a = sampleMachineCpu();
    await new Promise((r) => setTimeout(r, 500));
    const busy = machineBusy(a, sampleMachineCpu());
    const waitedMs = Date.now() - started;
    if (busy < idleBelow || waitedMs >= maxWaitMs) return { busy, waitedMs };
  }
}
