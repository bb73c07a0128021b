// The one binary search over sorted prices, shared by the simulator's L3 book and the L2 book every client and
// the hub keep: both hold a side's prices in a plain sorted array (tens of levels, where splice beats a tree).

/**
 * Index of the first element of `sorted` that does not come before `value` in the array's order (ascending, or
 * descending when `descending`): where `value` is when present, else where it would be inserted. O(log n).
 */
export function lowerBound(sorted: readonly number[], value: number, descending = false): number {
  let lo = 0;
  let hi = sorted.length;
  // Two loops rather than a comparison chosen per step: this runs on every order and every level change.
  if (descending) {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) > value) lo = mid + 1;
      else hi = mid;
    }
  } else {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((sorted[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
  }
  return lo;
}
