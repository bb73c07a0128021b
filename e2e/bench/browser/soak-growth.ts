// The browser soak's verdict on one series sampled once a minute (heap after GC, DOM nodes): how much it grew from
// the end of the first minute (load, first renders and JIT warm-up are over by then) to the last sample, and the
// least-squares slope over the same span, which one noisy last reading cannot fake.

import { linearFit } from '../sample-stats.ts';

/** A long session passes when nothing grew by this much after the first minute. */
export const MAX_GROWTH_PERCENT = 10;

export interface Growth {
  /** The value at the end of the first minute, the baseline. */
  first: number;
  last: number;
  /** (last - first) / first, percent. */
  growthPercent: number;
  /** Least-squares slope over the samples from minute 1 on, per minute. */
  slopePerMinute: number;
  /** What the slope adds over the session after minute 1, percent of the baseline. */
  fittedGrowthPercent: number;
  passed: boolean;
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** `points` are [minute, value]; undefined until there is a sample after the baseline's. */
export function growthAfterFirstMinute(
  points: readonly (readonly [minute: number, value: number])[],
): Growth | undefined {
  const warm = points.filter(([minute]) => minute >= 1);
  const baseline = warm[0];
  const end = warm.at(-1);
  if (!baseline || !end || warm.length < 2 || baseline[1] <= 0) return undefined;
  const slope = linearFit(warm)?.slope ?? 0;
  const growthPercent = ((end[1] - baseline[1]) / baseline[1]) * 100;
  return {
    first: baseline[1],
    last: end[1],
    growthPercent: round(growthPercent, 1),
    slopePerMinute: round(slope, 3),
    fittedGrowthPercent: round(((slope * (end[0] - baseline[0])) / baseline[1]) * 100, 1),
    passed: growthPercent < MAX_GROWTH_PERCENT,
  };
}
