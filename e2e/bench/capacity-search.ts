// Which offered rate the capacity search tries next, and what it concludes: pure, so the search is tested without
// running a server. The ladder (doubling) finds a bracket [last pass, first failure); bisection (geometric) then
// narrows it until the failure is within `tolerance` of the pass, so the reported capacity is within that much of
// the true limit. The ladder goes on one step past the first failure while updates still all arrive within a second
// (`sustained`): how far a server bends before it breaks, for context, but no further (each step costs seconds of a
// bench that must end within 8 minutes). A server that passes every step keeps doubling up to `ceiling`: a ladder
// that ends below a server's limit gives only a lower bound, and a ratio of two capacities needs both found.

export interface Probe {
  rate: number;
  /** Met the capacity criterion (>= 99% delivered, p99 < 100 ms). */
  passed: boolean;
  /** Met the looser bar (>= 99% delivered, p99 < 1 s). */
  sustained: boolean;
}

export interface SearchPlan {
  /** Rates tried in order first, rising. */
  ladder: readonly number[];
  /** Stop refining once the lowest failure is at most (1 + tolerance) x the highest pass below it. */
  tolerance: number;
  /** Below the ladder, rates are halved down to this one and no further (then capacity is 0). */
  floor: number;
  /**
   * Past the ladder's top, while nothing has failed, rates keep doubling up to this one (default: the top, so the
   * ladder ends there).
   */
  ceiling?: number;
}

export interface NextProbe {
  rate: number;
  phase: 'capacity' | 'refine';
}

export interface SearchOutcome {
  /** Highest rate that passed below the lowest failure: 0 if none did. */
  capacity: number;
  /** The lowest failing rate (undefined if nothing failed, and then capacity is only a lower bound). */
  firstFailure: number | undefined;
  /** Highest rate sustained below the lowest rate that was not. */
  sustainedCapacity: number;
  /** Whether the bracket was narrowed to the plan's tolerance (false: the ladder's top or floor ended the search). */
  converged: boolean;
}

export const DEFAULT_TOLERANCE = 0.1;

/** The ladder stops at its second failure, sustained or not. */
const LADDER_FAILURES = 2;

/** The next rate to measure given the probes so far (in the order measured), or undefined when the search is done. */
export function nextProbe(plan: SearchPlan, probes: readonly Probe[]): NextProbe | undefined {
  const onLadder =
    probes.length < plan.ladder.length &&
    probes.every((p) => p.sustained) &&
    probes.filter((p) => !p.passed).length < LADDER_FAILURES;
  if (onLadder) return { rate: plan.ladder[probes.length]!, phase: 'capacity' };
  const above = aboveLadder(plan, probes);
  if (above !== undefined) return { rate: above, phase: 'capacity' };
  const { lo, hi } = bracket(probes);
  if (hi === undefined) return undefined;
  const tried = new Set(probes.map((p) => p.rate));
  const rate = lo === 0 ? Math.round(hi / 2) : Math.round(Math.sqrt(lo * hi));
  if (lo === 0 && rate < plan.floor) return undefined;
  if (lo > 0 && hi <= lo * (1 + plan.tolerance)) return undefined;
  // Rounding can land on a rate already measured (a bracket of a few updates/s): nothing more to learn.
  if (rate <= lo || rate >= hi || tried.has(rate)) return undefined;
  return { rate, phase: 'refine' };
}

// Past the ladder's top with every step passed: the next doubling, if it stays under the ceiling.
function aboveLadder(plan: SearchPlan, probes: readonly Probe[]): number | undefined {
  if (probes.length < plan.ladder.length || probes.length === 0 || !probes.every((p) => p.passed)) return undefined;
  const next = probes[probes.length - 1]!.rate * 2;
  return next <= (plan.ceiling ?? 0) ? next : undefined;
}

export function searchOutcome(plan: SearchPlan, probes: readonly Probe[]): SearchOutcome {
  const { lo, hi } = bracket(probes);
  const unsustained = Math.min(...probes.filter((p) => !p.sustained).map((p) => p.rate));
  const sustained = probes.filter((p) => p.sustained && p.rate < unsustained).map((p) => p.rate);
  return {
    capacity: lo,
    firstFailure: hi,
    sustainedCapacity: Math.max(0, ...sustained),
    converged: hi !== undefined && lo > 0 && hi <= lo * (1 + plan.tolerance),
  };
}

// The lowest failing rate, and the highest passing rate below it. A pass above a failure (noise) does not count:
// capacity is what the server carried with nothing failing beneath it.
function bracket(probes: readonly Probe[]): { lo: number; hi: number | undefined } {
  const failures = probes.filter((p) => !p.passed).map((p) => p.rate);
  const hi = failures.length > 0 ? Math.min(...failures) : undefined;
  const passes = probes.filter((p) => p.passed && (hi === undefined || p.rate < hi)).map((p) => p.rate);
  return { lo: Math.max(0, ...passes), hi };
}
