// The L2 order book: aggregated size per price level on each side, as the stream describes it.
// Used by the server's hub (the published view) and by every client (its replica), so both run the same code.

import type { Lots, Ticks } from './instrument.ts';
import { lowerBound } from './sorted-search.ts';

export type BookSide = 'bids' | 'asks';
/** Side code on the wire: 0 = bid, 1 = ask. */
export type SideCode = 0 | 1;
export const BID: SideCode = 0;
export const ASK: SideCode = 1;

/** One price level: its price and the total size resting there. */
export type Level = readonly [price: Ticks, size: Lots];
/** A change to one level: its new absolute size; size 0 removes the level. */
export type LevelUpdate = readonly [side: SideCode, price: Ticks, size: Lots];

export interface BookLevels {
  /** Best (highest) first. */
  bids: Level[];
  /** Best (lowest) first. */
  asks: Level[];
}

/** Sorted prices with O(log n) lookup; levels are few (tens), so splice is cheaper than a tree. */
class SortedPrices {
  readonly prices: number[] = [];
  constructor(private readonly descending: boolean) {}

  private search(price: number): number {
    return lowerBound(this.prices, price, this.descending);
  }

  insert(price: number): void {
    this.prices.splice(this.search(price), 0, price);
  }

  remove(price: number): void {
    const i = this.search(price);
    if (this.prices[i] === price) this.prices.splice(i, 1);
  }

  clear(): void {
    this.prices.length = 0;
  }
}

class BookSideLevels {
  readonly sizes = new Map<number, number>();
  readonly order: SortedPrices;
  constructor(descending: boolean) {
    this.order = new SortedPrices(descending);
  }

  set(price: number, size: number): void {
    if (size < 0 || !Number.isSafeInteger(size) || !Number.isSafeInteger(price)) {
      throw new RangeError(`invalid level ${price} x ${size}`);
    }
    const had = this.sizes.has(price);
    if (size === 0) {
      if (had) {
        this.sizes.delete(price);
        this.order.remove(price);
      }
      return;
    }
    this.sizes.set(price, size);
    if (!had) this.order.insert(price);
  }

  top(n: number): Level[] {
    const prices = this.order.prices;
    const take = Math.min(n, prices.length);
    const out = new Array<Level>(take);
    for (let i = 0; i < take; i++) {
      const p = prices[i] as number;
      out[i] = [p as Ticks, this.sizes.get(p) as Lots];
    }
    return out;
  }

  clear(): void {
    this.sizes.clear();
    this.order.clear();
  }
}

export class OrderBook {
  private readonly bidSide = new BookSideLevels(true);
  private readonly askSide = new BookSideLevels(false);

  /** Replaces the whole book. */
  applySnapshot(levels: BookLevels): void {
    this.bidSide.clear();
    this.askSide.clear();
    for (const [price, size] of levels.bids) this.bidSide.set(price, size);
    for (const [price, size] of levels.asks) this.askSide.set(price, size);
  }

  applyDelta(updates: readonly LevelUpdate[]): void {
    for (const [side, price, size] of updates) this.set(side, price, size);
  }

  set(side: SideCode, price: Ticks, size: Lots): void {
    (side === BID ? this.bidSide : this.askSide).set(price, size);
  }

  size(side: SideCode, price: Ticks): Lots {
    return ((side === BID ? this.bidSide : this.askSide).sizes.get(price) ?? 0) as Lots;
  }

  /** The `i`th best price of a side (0 is the best), without copying levels out; undefined past the last. */
  priceAt(side: SideCode, i: number): Ticks | undefined {
    return (side === BID ? this.bidSide : this.askSide).order.prices[i] as Ticks | undefined;
  }

  /** Number of levels on a side. */
  depth(side: SideCode): number {
    return (side === BID ? this.bidSide : this.askSide).sizes.size;
  }

  /** The best `n` levels of each side, best first. */
  top(n: number): BookLevels {
    return { bids: this.bidSide.top(n), asks: this.askSide.top(n) };
  }

  bestBid(): Level | undefined {
    return this.bidSide.top(1)[0];
  }

  bestAsk(): Level | undefined {
    return this.askSide.top(1)[0];
  }

  /** Best ask minus best bid, in ticks; undefined when a side is empty. */
  spread(): number | undefined {
    const bid = this.bidSide.order.prices[0];
    const ask = this.askSide.order.prices[0];
    return bid === undefined || ask === undefined ? undefined : ask - bid;
  }

  /** Midpoint in ticks (may be a half tick); undefined when a side is empty. */
  mid(): number | undefined {
    const bid = this.bidSide.order.prices[0];
    const ask = this.askSide.order.prices[0];
    return bid === undefined || ask === undefined ? undefined : (bid + ask) / 2;
  }

  isCrossed(): boolean {
    const spread = this.spread();
    return spread !== undefined && spread <= 0;
  }
}

/**
 * The level updates that turn book view `before` into `after` (both best-first, as from `top`).
 * The server publishes a top-N view, so a level leaving the view is a removal and one entering it an insert.
 */
export function diffLevels(before: BookLevels, after: BookLevels): LevelUpdate[] {
  const out: LevelUpdate[] = [];
  diffSide(BID, before.bids, after.bids, out);
  diffSide(ASK, before.asks, after.asks, out);
  return out;
}

function diffSide(side: SideCode, before: readonly Level[], after: readonly Level[], out: LevelUpdate[]): void {
  const old = new Map<number, number>();
  for (const [price, size] of before) old.set(price, size);
  for (const [price, size] of after) {
    if (old.get(price) !== size) out.push([side, price, size]);
    old.delete(price);
  }
  for (const price of old.keys()) out.push([side, price as Ticks, 0 as Lots]);
}
