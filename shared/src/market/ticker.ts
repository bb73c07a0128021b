// The ticker: a symbol's headline numbers, derived from its trades and its book.

import type { Lots, Ticks } from './instrument.ts';
import type { Trade } from './trade.ts';

export interface Ticker {
  /** Last trade price; null before the first trade. */
  last: Ticks | null;
  /** Best bid and ask of the book; null when that side is empty. */
  bid: Ticks | null;
  ask: Ticks | null;
  /** Session open (the reference for `change`), high and low; null before the first trade. */
  open: Ticks | null;
  high: Ticks | null;
  low: Ticks | null;
  /** Session volume, in lots. */
  volume: Lots;
  /** Number of trades in the session. */
  trades: number;
}

export const EMPTY_TICKER: Ticker = {
  last: null,
  bid: null,
  ask: null,
  open: null,
  high: null,
  low: null,
  volume: 0 as Lots,
  trades: 0,
};

/** Last minus open, in ticks; null until both are known. */
export function change(t: Ticker): number | null {
  return t.last === null || t.open === null ? null : t.last - t.open;
}

/** Change as a percentage of the open; null until both are known. */
export function changePercent(t: Ticker): number | null {
  return t.last === null || t.open === null || t.open === 0 ? null : ((t.last - t.open) / t.open) * 100;
}

/** Some of a ticker's fields: what an update says about the ticker beyond what its trades and book imply. */
export type TickerPatch = Partial<Ticker>;

/** The ticker after one more trade: the last price, the session's open, high, low, volume and count follow it. */
export function tickerAfterTrade(t: Ticker, price: Ticks, size: Lots): Ticker {
  // Every field written out, not `...t`: this runs for every trade, on the server and in every client, and in Node 20
  // the spread took ~900 ns a call against ~15 ns for the literal (4 % of the server's busy time at 64,000 updates/s).
  return {
    last: price,
    bid: t.bid,
    ask: t.ask,
    open: t.open ?? price,
    high: t.high === null || price > t.high ? price : t.high,
    low: t.low === null || price < t.low ? price : t.low,
    volume: (t.volume + size) as Lots,
    trades: t.trades + 1,
  };
}

/**
 * What an update implies for the ticker: its trades folded in order, then the book's best bid and ask. Server and
 * clients run this same function, so only what differs from it (venue statistics, trades left out of an update)
 * needs to travel, as a `TickerPatch`.
 */
export function impliedTicker(
  before: Ticker,
  trades: readonly Trade[] | undefined,
  bid: Ticks | null,
  ask: Ticks | null,
): Ticker {
  let t = before;
  if (trades) for (const trade of trades) t = tickerAfterTrade(t, trade[1], trade[2]);
  return t.bid === bid && t.ask === ask ? t : { ...t, bid, ask };
}

const TICKER_FIELDS = ['last', 'bid', 'ask', 'open', 'high', 'low', 'volume', 'trades'] as const;

/** The fields of `actual` that differ from `implied`; undefined when none do. */
export function tickerPatch(implied: Ticker, actual: Ticker): TickerPatch | undefined {
  let patch: Record<string, unknown> | undefined;
  for (const key of TICKER_FIELDS) {
    if (implied[key] !== actual[key]) (patch ??= {})[key] = actual[key];
  }
  return patch as TickerPatch | undefined;
}
