// The ticker: a symbol's headline numbers, derived from its trades and its book.

import type { Lots, Ticks } from './instrument.ts';

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
