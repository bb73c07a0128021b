// A market maker: keeps a ladder of bids and asks around fair value, skewed against its inventory.
//
// Quotes are replaced only when they drift too far from their target (the tolerance grows with depth), so the
// touch is refreshed often while deep liquidity stays put, as on a real venue; that keeps the L2 stream small.
// It cancels before it places and never prices through the opposite touch, so it can never cross itself.

import { ASK, BID, type Lots, type SideCode, type Ticks } from '@tickline/shared';
import type { Execution } from '../matching-engine.ts';
import type { Rng } from '../rng.ts';
import { chanceIn, type Agent, type MarketContext } from './agent.ts';

export interface MarketMakerParams {
  /** Quotes per side. */
  readonly levels: number;
  /** Distance of the inner quote from the (skewed) fair value, in quote units. */
  readonly halfSpread: number;
  /** Distance between consecutive quotes, in quote units. */
  readonly spacing: number;
  /** Size of the inner quote, in lots; deeper quotes are larger. */
  readonly size: number;
  /** Routine reviews per second, on top of the reactions to fills and to fair-value moves. */
  readonly reviewRate: number;
  /** Fair-value move, in quote units, that makes it review at once. */
  readonly trigger: number;
  /** A quote is replaced once it is this fraction of its target distance away from its target. */
  readonly tolerance: number;
  /** Inventory, in lots, at which the skew reaches one half-spread. */
  readonly maxInventory: number;
  /** Chance per review of re-sizing one quote: makers adjust size constantly, which is most of a real L2 stream. */
  readonly resize: number;
}

/** One quote slot; allocated once, reused for every quote placed there. */
interface Slot {
  id: number;
  price: number;
  placed: number;
  /** Remaining size when last looked at: a drop is a fill. */
  seen: number;
}

export class MarketMaker implements Agent {
  private readonly slots: readonly [Slot[], Slot[]];
  private inventory = 0;
  private quotedAt = Number.NaN;
  /** The market conditions' version this maker last quoted under. */
  private conditionsSeen = 0;

  constructor(
    private readonly market: MarketContext,
    private readonly params: MarketMakerParams,
    private readonly rng: Rng,
  ) {
    const slots = () => Array.from({ length: params.levels }, (): Slot => ({ id: 0, price: 0, placed: 0, seen: 0 }));
    this.slots = [slots(), slots()];
  }

  /** Signed position in lots: bought minus sold. */
  get position(): number {
    return this.inventory;
  }

  act(_now: number, dtMs: number, out: Execution): void {
    const { fair, unit } = this.market;
    const hit = this.collectFills();
    const first = Number.isNaN(this.quotedAt);
    const moved = Math.abs(fair.value - this.quotedAt) > this.params.trigger * unit;
    const changed = this.market.conditions.version !== this.conditionsSeen;
    if (first || hit || moved || changed || this.rng.chance(chanceIn(this.params.reviewRate, dtMs))) this.requote(out);
  }

  /** Books the fills of its quotes since the last look; true when any quote was hit. */
  private collectFills(): boolean {
    const engine = this.market.engine;
    let hit = false;
    for (let side = 0; side < 2; side++) {
      for (const slot of this.slots[side as SideCode]) {
        if (slot.id === 0) continue;
        const remaining = engine.remaining(slot.id);
        if (remaining === slot.seen) continue;
        this.inventory += side === BID ? slot.seen - remaining : remaining - slot.seen;
        slot.seen = remaining;
        hit = true;
      }
    }
    return hit;
  }

  private requote(out: Execution): void {
    const { engine, fair, conditions } = this.market;
    // A drought: every distance wider and every size smaller, so the spread widens and the book thins.
    const unit = this.market.unit * conditions.spreadFactor;
    const p = this.params;
    this.conditionsSeen = conditions.version;
    const skew = Math.max(-1, Math.min(1, this.inventory / p.maxInventory)) * p.halfSpread * unit;
    const center = fair.value - skew;
    this.quotedAt = fair.value;
    // Cancel first, both sides, so no new quote can meet one of our own stale ones.
    for (let side = 0; side < 2; side++) {
      const slots = this.slots[side as SideCode];
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j] as Slot;
        if (slot.id === 0) continue;
        const distance = (p.halfSpread + j * p.spacing) * unit;
        const target = side === BID ? center - distance : center + distance;
        const stale = Math.abs(slot.price - target) > p.tolerance * distance;
        if (slot.seen * 2 < slot.placed || stale) {
          engine.cancel(slot.id, out);
          slot.id = 0;
        }
      }
    }
    if (this.rng.chance(p.resize)) {
      const slot = this.slots[this.rng.chance(0.5) ? BID : ASK][this.rng.int(0, p.levels - 1)];
      if (slot !== undefined && slot.id !== 0) {
        engine.cancel(slot.id, out);
        slot.id = 0;
      }
    }
    for (let side = 0; side < 2; side++) {
      const slots = this.slots[side as SideCode];
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j] as Slot;
        if (slot.id !== 0) continue;
        const distance = (p.halfSpread + j * p.spacing) * unit;
        const price = this.passivePrice(side as SideCode, side === BID ? center - distance : center + distance);
        if (price === undefined) continue;
        const size = Math.max(
          1,
          Math.round(p.size * conditions.sizeFactor * (1 + 0.5 * j) * this.rng.uniform(0.6, 1.4)),
        );
        const result = engine.limit(side as SideCode, price as Ticks, size as Lots, out);
        slot.id = result.id;
        slot.price = price;
        slot.placed = slot.seen = result.resting;
      }
    }
  }

  /** The target snapped to the tick grid, kept behind the opposite touch; undefined when no sane price exists. */
  private passivePrice(side: SideCode, target: number): number | undefined {
    const engine = this.market.engine;
    if (side === BID) {
      const ask = engine.bestAsk();
      const price = Math.min(Math.floor(target), ask === undefined ? Infinity : ask - 1);
      return price >= 1 ? price : undefined;
    }
    const bid = engine.bestBid();
    const price = Math.max(Math.ceil(target), bid === undefined ? 1 : bid + 1);
    return price;
  }
}
