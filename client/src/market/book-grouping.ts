// Price grouping for the order book: levels merged into buckets a whole number of ticks wide, in integer lots.

import type { BookLevels, Level, Lots, Ticks } from '@tickline/shared';

/** Every group size a symbol may offer, in ticks: 1, 2, 5, then 10 and 50 of each decade. */
export const GROUP_STEPS: readonly number[] = [1, 2, 5, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000];

/** The widest group offered, as a share of the price: 10 bps, beyond which a 25-level book is one or two rows. */
const MAX_GROUP_SHARE = 0.001;
/** Up to 10 ticks is always offered, even where the tick is coarse for the price. */
const ALWAYS_OFFERED = 10;

/**
 * The group sizes that make sense at `midTicks` (a price in ticks): from one tick up to about 10 bps of the price.
 * Before the price is known only the small steps are offered. Returns a prefix of GROUP_STEPS, so it is stable while
 * the price moves within a step.
 */
export function groupSteps(midTicks: number | null): readonly number[] {
  const widest = Math.max(ALWAYS_OFFERED, midTicks === null ? 0 : midTicks * MAX_GROUP_SHARE);
  const count = GROUP_STEPS.findLastIndex((step) => step <= widest) + 1;
  return STEP_PREFIXES[count] ?? GROUP_STEPS;
}

/** Every prefix of GROUP_STEPS, built once, so the same price range always gets the same array. */
const STEP_PREFIXES: readonly (readonly number[])[] = Array.from({ length: GROUP_STEPS.length + 1 }, (_, i) =>
  GROUP_STEPS.slice(0, i),
);

/** The group to use: the one chosen if offered, else the widest offered step below it (one tick at the least). */
export function effectiveGroup(chosen: number, offered: readonly number[]): number {
  let best = 1;
  for (const step of offered) if (step <= chosen) best = step;
  return best;
}

/**
 * The book with each side's levels merged into groups `groupTicks` wide. A bid belongs to the group at or below its
 * price, an ask to the group at or above, so grouping never makes the book look tighter than it is: the best bid
 * group stays below the best ask group. Input and output are best first.
 */
export function groupLevels(levels: BookLevels, groupTicks: number): BookLevels {
  if (!Number.isSafeInteger(groupTicks) || groupTicks < 1) throw new RangeError(`invalid group ${groupTicks}`);
  if (groupTicks === 1) return levels;
  return {
    bids: groupSide(levels.bids, (p) => Math.floor(p / groupTicks) * groupTicks),
    asks: groupSide(levels.asks, (p) => Math.ceil(p / groupTicks) * groupTicks),
  };
}

function groupSide(levels: readonly Level[], bucket: (price: number) => number): Level[] {
  const out: Level[] = [];
  let price = Number.NaN;
  let size = 0;
  // Levels arrive sorted best first and bucketing is monotonic, so each group's levels are adjacent.
  for (const [p, s] of levels) {
    const b = bucket(p);
    if (b !== price) {
      if (size > 0) out.push([price as Ticks, size as Lots]);
      price = b;
      size = 0;
    }
    size += s;
  }
  if (size > 0) out.push([price as Ticks, size as Lots]);
  return out;
}
