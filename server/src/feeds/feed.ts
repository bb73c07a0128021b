// The feed adapter interface: what the simulator implements today and real exchange adapters implement beside it.
// A feed turns its source into normalized MarketEvents; the hub does everything else (state, sequence, batching).

import type { AggressorCode, Level, LevelUpdate, Lots, SymbolSpec, Ticks } from '@tickline/shared';

/** A feed's health as the hub and clients see it. */
export type FeedStatus = 'live' | 'stale' | 'reconnecting' | 'halted';

/** One normalized event. Prices and sizes are already integer ticks and lots of the symbol's spec. */
export type MarketEvent =
  /** Replaces the symbol's whole book (after connect, resync, or a venue snapshot). */
  | { type: 'book:snapshot'; symbol: string; time: number; bids: Level[]; asks: Level[] }
  /** Absolute level sizes; size 0 removes a level. */
  | { type: 'book:delta'; symbol: string; time: number; updates: LevelUpdate[] }
  | { type: 'trade'; symbol: string; time: number; price: Ticks; size: Lots; aggressor: AggressorCode }
  /** Venue-reported session statistics; feeds that do not send them let the hub derive them from trades. */
  | { type: 'ticker'; symbol: string; time: number; open: Ticks; high: Ticks; low: Ticks; volume: Lots }
  | { type: 'status'; symbol: string; time: number; status: FeedStatus };

/** Where a feed delivers its events: the hub. */
export type MarketEventSink = (event: MarketEvent) => void;

export interface FeedAdapter {
  /** Short name used in logs and as a symbol namespace (`sim`, `binance`). */
  readonly id: string;
  /** The symbols this feed serves, known before start. */
  readonly symbols: readonly SymbolSpec[];
  /** Starts producing events into `sink`. Must emit a `book:snapshot` per symbol before any `book:delta`. */
  start(sink: MarketEventSink): Promise<void>;
  /** Stops all timers and connections; no events after it resolves. */
  stop(): Promise<void>;
}
