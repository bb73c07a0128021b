// Every payload that crosses the socket, as TypeScript types. docs/PROTOCOL.md describes the same in prose.

import type { Candle } from '../market/candles.ts';
import type { CandleInterval } from '../market/intervals.ts';
import type { BookLevels, LevelUpdate } from '../market/order-book.ts';
import type { Ticker, TickerPatch } from '../market/ticker.ts';
import type { Trade } from '../market/trade.ts';

/** Bumped on any incompatible change to events or payloads. */
export const PROTOCOL_VERSION = 3;

/**
 * Which run of the sequencer numbered a stream: a feed node (or a single-process server) starts a new epoch every
 * time it starts, and sequence numbers start again from 0 in it. Sequence numbers of two epochs are never compared.
 */
export type Epoch = number;

/**
 * A symbol's feed health as clients must show it:
 * - live: data is flowing from the source;
 * - stale: no data from the source for a while, or the source is reconnecting; prices are the last known, not live;
 * - halted: the venue stopped trading the symbol; the book is frozen.
 */
export type SymbolStatus = 'live' | 'stale' | 'halted';

/** The full state of one symbol at sequence number `seq`; the `subscribe` ack carries one per symbol. */
export interface SymbolSnapshot {
  symbol: string;
  /** The epoch `seq` belongs to. */
  epoch: Epoch;
  /** The symbol's stream id: updates (see wire.ts) name their symbol by this number, not by its name. */
  sid: number;
  /** The sequence number of the last update folded into this snapshot; the next update has `seq + 1`. */
  seq: number;
  /** Server time (ms since epoch) when the snapshot was taken. */
  time: number;
  /** How many levels per side the book carries (the server publishes a top-N view). */
  depth: number;
  book: BookLevels;
  /** CRC32 of the book's top levels (see `bookChecksum`), to check the snapshot arrived intact. */
  checksum: number;
  status: SymbolStatus;
  /** Most recent trades, oldest first. */
  trades: Trade[];
  candleIntervalMs: number;
  /** Most recent candles, oldest first; the last one may still be open. */
  candles: Candle[];
  ticker: Ticker;
  /** Recent chart marks (a replay that looped, say), oldest first; absent when there are none. */
  marks?: ChartMark[];
}

/**
 * A moment a chart should show as a boundary, because prices on either side of it do not continue each other: a
 * replay that started again from its beginning, say.
 */
export interface ChartMark {
  /** Server time (ms since epoch). */
  time: number;
  /** A few words for the chart, such as `replay restarted`. */
  label: string;
}

/**
 * Everything that changed in one symbol during one flush interval, as a client holds it once decoded (on the wire
 * it travels compactly inside an `md` batch: see wire.ts). Absent fields did not change. The ticker and candles are
 * implied by the trades and the book (see `impliedTicker`, `CandleSeries.addTrade`); only what they do not imply is
 * sent.
 */
export interface MarketUpdate {
  symbol: string;
  /** Exactly the previous update's `seq + 1` (or the snapshot's `seq + 1` for the first one). */
  seq: number;
  /** Server time (ms since epoch) of the flush. */
  time: number;
  /** Level changes of the top-N book, absolute sizes; size 0 removes the level. */
  book?: LevelUpdate[];
  /** With `book`: CRC32 of the top levels after applying it; a client whose own checksum differs resyncs. */
  checksum?: number;
  /** The symbol's new status, when it changed. */
  status?: SymbolStatus;
  /** Trades executed since the previous update, oldest first (at most the server's per-flush cap). */
  trades?: Trade[];
  /** Ticker fields that differ from what the trades and book imply (`impliedTicker`): venue statistics, say. */
  ticker?: TickerPatch;
  /**
   * Candles created or changed by this update, oldest first, sent only when its trades do not imply them (some were
   * left out by the cap); a client then takes these instead of folding the trades into its candles.
   */
  candles?: Candle[];
  /** Chart marks that happened in this update. */
  marks?: ChartMark[];
}

export interface SubscribeRequest {
  symbols: string[];
}

export interface UnsubscribeRequest {
  symbols: string[];
}

/** Most candles one `history` request may ask for. */
export const MAX_HISTORY_LIMIT = 1000;

/**
 * Candles of one symbol at one interval, from the server's history: the newest `limit` that start before `before`
 * (ms since epoch; all when absent, the newest of which may still be open).
 */
export interface HistoryRequest {
  symbol: string;
  interval: CandleInterval;
  before?: number;
  limit: number;
}

/** Why a client asks for fresh snapshots; the server counts resyncs by reason. */
export const RESYNC_REASONS = ['gap', 'checksum', 'reconnect', 'timeout', 'manual', 'epoch'] as const;
export type ResyncReason = (typeof RESYNC_REASONS)[number];

/** Fresh snapshots of symbols the client is (or will be) subscribed to, replacing its state for them. */
export interface ResyncRequest {
  symbols: string[];
  reason: ResyncReason;
}

/** A clock probe: the client's send time comes back with the server's time. */
export interface PingRequest {
  /** The client's clock when it sent the ping (ms since epoch, or any monotonic ms clock). */
  clientTime: number;
}

/**
 * The closed set of error codes an ack can carry. `unavailable`: the server cannot answer now (an edge whose feed
 * node has not published the symbol yet, say); the request had no effect and is worth retrying after a backoff.
 * `rate_limited`: this connection sent more requests (or request bytes) than its budget, or has too much unread
 * data queued; the request had no effect; retry after `retryAfterMs`.
 */
/** `admin_disabled` and `unauthorized`: an admin request on a server without an admin token, or with a wrong one. */
export type ErrorCode =
  | 'invalid_payload'
  | 'unknown_symbol'
  | 'too_many_symbols'
  | 'unavailable'
  | 'rate_limited'
  | 'admin_disabled'
  | 'unauthorized'
  | 'invalid_order'
  | 'unknown_order'
  | 'insufficient_funds'
  | 'market_halted'
  | 'too_many_orders'
  | 'internal';

export interface AckError {
  ok: false;
  /** `retryAfterMs`: with `rate_limited` (and possibly `unavailable`), how long to wait before asking again. */
  error: { code: ErrorCode; message: string; retryAfterMs?: number };
}

/** Every ack is either `{ ok: true, ... }` or `{ ok: false, error }`. */
export type Ack<T extends object> = ({ ok: true } & T) | AckError;

/** What a snapshot-carrying ack says besides the snapshots: the protocol spoken and the epoch they belong to. */
export interface StreamIdentity {
  version: number;
  epoch: Epoch;
}

export type SubscribeAck = Ack<StreamIdentity & { snapshots: SymbolSnapshot[] }>;
export type UnsubscribeAck = Ack<{ symbols: string[] }>;
export type ResyncAck = Ack<StreamIdentity & { snapshots: SymbolSnapshot[] }>;
/**
 * `candles` oldest first. They are the server's as of `seq` in `epoch`: a client whose stream is past `seq` folds
 * the trades of its later updates into the newest candle; one behind `seq` skips the trades of updates up to it.
 * `more`: the server holds candles older than the first one returned (ask again with `before` = its time).
 */
export type HistoryAck = Ack<{
  symbol: string;
  interval: CandleInterval;
  epoch: Epoch;
  seq: number;
  candles: Candle[];
  more: boolean;
}>;
export type PingAck = Ack<{ clientTime: number; serverTime: number }>;

/**
 * The server's view of where its data comes from, sent on connect and whenever it changes (`feed:status`):
 * - `epoch` changes when the feed node (or a single-process server) restarted: every state a client holds from
 *   the old epoch is void, and its sequence numbers must never be compared with the new ones;
 * - `status` is `stale` while this server hears nothing from its feed node (a cluster edge whose feed node or Redis
 *   is down): every symbol's numbers are the last known, not live.
 */
export interface FeedState {
  version: number;
  epoch: Epoch;
  status: 'live' | 'stale';
}

/**
 * The server is going away (a deploy, a scale-in): it disconnects this client right after. Reconnect at once, with a
 * little random delay, to land on another server behind the same address.
 */
export interface ShutdownNotice {
  reason: 'server shutting down';
}

/** The answer to a presenter's broadcast: sent to every client, or why not. */
export type PresenterAck = Ack<{ time: number }>;
