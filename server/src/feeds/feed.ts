// The feed adapter interface: what the simulator implements today and real exchange adapters implement beside it.
// A feed turns its source into normalized MarketEvents; the hub does everything else (state, sequence, batching).

import type {
  ReplayState,
  ResolvedScenario,
  AggressorCode,
  Candle,
  CandleInterval,
  Level,
  LevelUpdate,
  Lots,
  SymbolSpec,
  Ticks,
} from '@tickline/shared';
import type { PaperVenue } from '../paper/venue.ts';

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
  | { type: 'status'; symbol: string; time: number; status: FeedStatus }
  /**
   * Candles from before the feed started (a venue's REST candles, the simulator's warm-up), oldest first, closed
   * ones only: the hub seeds the symbol's history with them and builds the coarser intervals from them. Best sent
   * before the symbol's first trade, but a venue's REST answer may come later, and a feed may send it again after a
   * long disconnect: the hub keeps what the trades built and fills in only where it holds nothing.
   */
  | { type: 'history'; symbol: string; time: number; interval: CandleInterval; candles: Candle[] }
  /** A boundary for charts (a replay that started again, say): see ChartMark. */
  | { type: 'mark'; symbol: string; time: number; label: string };

/** Where a feed delivers its events: the hub. */
export type MarketEventSink = (event: MarketEvent) => void;

/** A feed's own account of how it is doing, for /api/health and logs. */
export interface FeedHealth {
  /** The connection as a whole; per-symbol status goes to clients through `status` events. */
  status: FeedStatus;
  /** Messages received from the source since start. */
  messages: number;
  /** Messages that could not be understood: logged, counted and skipped, never fatal. */
  malformed: number;
  /** Times the connection was re-established. */
  reconnects: number;
  /** Times a symbol's book had to be rebuilt from a fresh snapshot (gaps, stale snapshots, a venue filter check). */
  resyncs: number;
  /** Wall time of the last message, or null before the first. */
  lastMessageAt: number | null;
  lastError: string | null;
}

export interface FeedAdapter {
  /** Short name used in logs and as a symbol namespace (`sim`, `binance`). */
  readonly id: string;
  /** The symbols this feed serves, known before start. */
  readonly symbols: readonly SymbolSpec[];
  /** Starts producing events into `sink`. Must emit a `book:snapshot` per symbol before any `book:delta`. */
  start(sink: MarketEventSink): Promise<void>;
  /** Stops all timers and connections; no events after it resolves. */
  stop(): Promise<void>;
  /** How the feed is doing right now. */
  health(): FeedHealth;
  /**
   * Makes the market do something on cue (scenario controls); only a feed that makes its own market has it (the
   * simulator). Takes effect from the feed's next step.
   */
  scenario?(scenario: ResolvedScenario): void;
  /**
   * Paper trading into the feed's own market: only a feed that makes its market has it (the simulator), and there
   * paper orders are real orders. Feeds without it get a shadow venue over the live book (server/src/paper).
   */
  readonly venue?: PaperVenue;
  /** A recording played back (`--feed replay`): the presenter's controls. */
  readonly replay?: ReplayControls;
}

export interface ReplayControls {
  state(): ReplayState;
  /** Stops the playhead; every symbol shows halted (the market is frozen, not stale) until resume. */
  pause(): void;
  resume(): void;
  /** Plays on from where it is at `speed` (REPLAY_SPEED_RANGE in shared); throws RangeError outside it. */
  setSpeed(speed: number): void;
  /**
   * Moves the playhead to `positionMs` of the recording: what lies between is played through at once (backwards,
   * from the start), and every chart is marked. Throws RangeError outside the recording.
   */
  seek(positionMs: number): void;
}
