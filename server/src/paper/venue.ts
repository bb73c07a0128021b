// Where paper orders trade. The simulator is one venue (its matching engine: paper orders are real orders there);
// a real exchange's symbols get a shadow venue (the live book, read but never changed). The desk (paper-desk.ts)
// keeps the accounts and asks a venue only to trade.

import type { Level, Lots, OrderSide, Ticks, TimeInForce } from '@tickline/shared';

export interface VenueOrder {
  symbol: string;
  side: OrderSide;
  size: Lots;
  /** The limit; undefined for a market order (which is always ioc). */
  price: Ticks | undefined;
  tif: TimeInForce;
}

export interface VenueFill {
  price: Ticks;
  size: Lots;
  liquidity: 'maker' | 'taker';
  /** The trade is in the market's own book and tape (the simulator), so every viewer saw it print. */
  printed: boolean;
}

export type VenuePlacement =
  | {
      ok: true;
      /** The venue's id of the order, for cancel and later fills. */
      id: number;
      /** What traded on arrival, in order. */
      fills: VenueFill[];
      /** Lots left resting (0 when it filled or its rest was dropped). */
      resting: Lots;
    }
  | { ok: false; code: 'market_halted' | 'invalid_order'; message: string };

/** A price level as the venue would fill it now. */
export interface SweptLevel {
  price: Ticks;
  size: Lots;
}

/** A resting order of `symbol`, by the venue's id, traded. */
export type VenueFillListener = (symbol: string, id: number, fill: VenueFill) => void;

export interface PaperVenue {
  halted(symbol: string): boolean;
  /**
   * What an order on `side` for `size` lots would take now, best price first, up to `limit` when given: what a
   * market order fills (the desk prices it before placing). Exact on the simulator; the live book on a shadow venue.
   */
  sweep(symbol: string, side: OrderSide, size: Lots, limit?: Ticks): SweptLevel[];
  place(order: VenueOrder): VenuePlacement;
  /** Takes a resting order out; returns the lots it still had (0 when it was no longer resting). */
  cancel(symbol: string, id: number): Lots;
  /** The price positions are marked to: the mid of the touch, or the last trade when a side is empty. */
  mark(symbol: string): Ticks | undefined;
  /** Fills of resting orders that happen later, as the market trades (one listener: the desk). */
  onFill(listener: VenueFillListener): void;
}

/** What an order on `side` takes from the other side's `levels` (best first): up to `size` lots, within `limit`. */
export function sweepLevels(levels: readonly Level[], side: OrderSide, size: Lots, limit?: Ticks): SweptLevel[] {
  const out: SweptLevel[] = [];
  let left: number = size;
  for (const [price, available] of levels) {
    if (left <= 0) break;
    if (limit !== undefined && (side === 'buy' ? price > limit : price < limit)) break;
    const take = Math.min(left, available);
    out.push({ price, size: take as Lots });
    left -= take;
  }
  return out;
}

/** Why a post-only order is refused: it would trade on arrival against `touch`, the best price on the other side. */
export function postOnlyCrosses(side: OrderSide, price: Ticks, touch: Ticks | undefined): VenuePlacement | undefined {
  if (touch === undefined || (side === 'buy' ? price < touch : price > touch)) return undefined;
  return {
    ok: false,
    code: 'invalid_order',
    message: `price: a post-only ${side} at this price would trade at once against the ${side === 'buy' ? 'best ask' : 'best bid'}`,
  };
}
