// The contention rule: when a measured step shared the machine with someone else, and what is done about it. On a
// 2-core box a neighbour's build takes cores from the server or the load generator, so a step measured meanwhile
// says as much about the neighbour as about the server under test.

/** Cores used by other processes above which a step is marked contended. */
export const CONTENDED_CORES = 0.3;

/**
 * Cores used by everything but the processes under test over a window: the whole machine's busy share times its
 * cores, less what ours used. Never negative (our own readings and the machine's are taken a moment apart).
 */
export function otherCoresUsed(machineBusy: number, cores: number, oursCores: number): number {
  return Math.max(0, machineBusy * cores - oursCores);
}

export const isContended = (otherCores: number): boolean => otherCores > CONTENDED_CORES;

/**
 * Why a step is measured once more, or undefined if it stands. Only a failure under contention is retried: the
 * failure may be the neighbour's doing. A pass under contention stands (the server managed even with less of the
 * machine), and both measurements of a retried step are kept in the record.
 */
export function retryReason(step: { passed: boolean; contended: boolean; otherCores: number }): string | undefined {
  if (step.passed || !step.contended) return undefined;
  return `failed while other processes used ${step.otherCores.toFixed(2)} cores (over ${CONTENDED_CORES})`;
}
