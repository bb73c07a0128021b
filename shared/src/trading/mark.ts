// The price a paper position is marked to. Server and client use this one rule, so the P&L a client works out
// live from its own book equals the server's for the same book.

import type { Ticks } from '../market/instrument.ts';

/**
 * The mid of the touch, rounded half up to a tick (a position's value stays on the symbol's price grid); the last
 * trade when a side of the book is empty; undefined when neither is known.
 */
export function markPrice(
  bid: Ticks | null | undefined,
  ask: Ticks | null | undefined,
  last?: Ticks | null,
): Ticks | undefined {
  if (bid != null && ask != null) return Math.floor((bid + ask + 1) / 2) as Ticks;
  return last ?? undefined;
}
