// Folds one step's L2 changes for one symbol into a single delta: one entry per level, its last size.

import type { LevelUpdate } from '@tickline/shared';

export class LevelCoalescer {
  /** Level key -> index in the output; reused across calls so a step allocates only its output. */
  private readonly index = new Map<number, number>();

  /** The changes with repeats of a level folded into its first position, carrying its last size. */
  coalesce(changes: readonly LevelUpdate[]): LevelUpdate[] {
    const out: LevelUpdate[] = [];
    const index = this.index;
    index.clear();
    for (const change of changes) {
      // Prices are non-negative safe integers far below 2^52, so price * 2 + side is a unique key.
      const key = change[1] * 2 + change[0];
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, out.length);
        out.push(change);
      } else {
        out[at] = change;
      }
    }
    return out;
  }
}
