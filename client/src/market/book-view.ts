// What the order-book ladder draws: the top rows of each side with running totals, and the spread.

import type { Lots, OrderBook, Ticks } from '@tickline/shared';

export interface BookRowView {
  readonly price: Ticks;
  readonly size: Lots;
  /** Size summed from the best level down to this one. */
  readonly total: Lots;
}

export interface BookView {
  /** Best (lowest) first; the ladder draws them reversed so the best ask sits next to the spread. */
  readonly asks: readonly BookRowView[];
  /** Best (highest) first. */
  readonly bids: readonly BookRowView[];
  /** The larger side's cumulative total in lots: depth bars are drawn as a fraction of it. */
  readonly maxTotal: number;
  /** Best ask minus best bid, in ticks; null when a side is empty. */
  readonly spread: Ticks | null;
  /** The spread in basis points of the mid price; null when a side is empty. */
  readonly spreadBps: number | null;
}

export function bookView(book: OrderBook, rows: number): BookView {
  const top = book.top(rows);
  const asks = withTotals(top.asks);
  const bids = withTotals(top.bids);
  const spread = book.spread();
  const mid = book.mid();
  return {
    asks,
    bids,
    maxTotal: Math.max(asks.at(-1)?.total ?? 0, bids.at(-1)?.total ?? 0),
    spread: spread === undefined ? null : (spread as Ticks),
    // A ratio of tick counts equals the ratio of prices, so no conversion is needed.
    spreadBps: spread === undefined || mid === undefined || mid <= 0 ? null : (spread / mid) * 10_000,
  };
}

function withTotals(levels: readonly (readonly [Ticks, Lots])[]): BookRowView[] {
  let total = 0;
  return levels.map(([price, size]) => {
    total += size;
    return { price, size, total: total as Lots };
  });
}
