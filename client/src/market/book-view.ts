// What the order-book panel draws: each side's levels, grouped and with running totals, the spread, the mid and the
// balance of size between the sides; and the slice of it that fits the ladder.

import type { Lots, OrderBook, Ticks } from '@tickline/shared';
import { groupLevels } from './book-grouping.ts';

export interface BookRowView {
  readonly price: Ticks;
  readonly size: Lots;
  /** Size summed from the best level down to this one. */
  readonly total: Lots;
}

export interface BookViewOptions {
  /** Group size in ticks (1: every level as it is). */
  readonly group: number;
  /** Levels per side after grouping; Infinity for every level the replica holds. */
  readonly levels: number;
}

export interface BookView {
  /** Best (lowest) first; the ladder draws them reversed so the best ask sits next to the spread. */
  readonly asks: readonly BookRowView[];
  /** Best (highest) first. */
  readonly bids: readonly BookRowView[];
  readonly group: number;
  /** Best ask minus best bid, in ticks, of the book itself (not the groups); null when a side is empty. */
  readonly spread: Ticks | null;
  /** The spread in basis points of the mid price; null when a side is empty. */
  readonly spreadBps: number | null;
  /** Midpoint of the best bid and ask in ticks (may be a half tick); null when a side is empty. */
  readonly mid: number | null;
  /** The bids' share of the size on both sides over the levels in this view, 0..1; null when both are empty. */
  readonly imbalance: number | null;
}

export function bookView(book: OrderBook, { group, levels }: BookViewOptions): BookView {
  // Grouping needs every level the replica holds: the Nth group may gather levels far below the Nth level.
  const grouped = groupLevels(book.top(Infinity), group);
  const asks = withTotals(grouped.asks, levels);
  const bids = withTotals(grouped.bids, levels);
  const spread = book.spread();
  const mid = book.mid();
  const bidSize = bids.at(-1)?.total ?? 0;
  const askSize = asks.at(-1)?.total ?? 0;
  return {
    asks,
    bids,
    group,
    spread: spread === undefined ? null : (spread as Ticks),
    // A ratio of tick counts equals the ratio of prices, so no conversion is needed.
    spreadBps: spread === undefined || mid === undefined || mid <= 0 ? null : (spread / mid) * 10_000,
    mid: mid ?? null,
    imbalance: bidSize + askSize > 0 ? bidSize / (bidSize + askSize) : null,
  };
}

export interface LadderRows {
  readonly asks: readonly BookRowView[];
  readonly bids: readonly BookRowView[];
  /** The larger side's cumulative total over these rows: depth bars are drawn as a fraction of it. */
  readonly maxTotal: number;
}

/** The best `rows` levels of each side of `view`, with the depth scale for exactly those rows. */
export function ladderRows(view: BookView, rows: number): LadderRows {
  const asks = view.asks.length > rows ? view.asks.slice(0, rows) : view.asks;
  const bids = view.bids.length > rows ? view.bids.slice(0, rows) : view.bids;
  return { asks, bids, maxTotal: Math.max(asks.at(-1)?.total ?? 0, bids.at(-1)?.total ?? 0) };
}

function withTotals(levels: readonly (readonly [Ticks, Lots])[], count: number): BookRowView[] {
  const take = Math.min(count, levels.length);
  const out = new Array<BookRowView>(take);
  let total = 0;
  for (let i = 0; i < take; i++) {
    const [price, size] = levels[i] as readonly [Ticks, Lots];
    total += size;
    out[i] = { price, size, total: total as Lots };
  }
  return out;
}
