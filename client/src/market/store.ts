// The dashboard's market state, kept outside React: one replica per symbol, the connection's health, the feed's
// epoch and staleness, the selection.
//
// The socket writes here as fast as messages arrive; React hears about it at most once per frame, because
// listeners are notified from the injected frame scheduler however many changes happened in between.

import {
  type ApplyResult,
  type CandleInterval,
  type FeedState,
  type Instrument,
  type MarketUpdate,
  type ResyncReason,
  StreamDecoder,
  type SymbolReplica,
  type SymbolSnapshot,
  type SymbolSpec,
} from '@tickline/shared';
import { CandleBook, type CandleBookOptions } from './candle-book.ts';
import { ConnectionHealth, type ConnectionStatus } from './connection-health.ts';
import type { MarketDiagnostics, SymbolDiagnostics } from './diagnostics.ts';
import { nextFeedView, UNKNOWN_FEED, type FeedView } from './feed-view.ts';
import { nextAnimationFrame, type FrameScheduler } from './frame-scheduler.ts';
import {
  createSymbolState,
  symbolDiagnostics,
  trackMove,
  type PriceMove,
  type SymbolFreshness,
  type SymbolState,
  type SymbolVersions,
} from './symbol-state.ts';

export type { ConnectionStatus } from './connection-health.ts';
export type { FeedView } from './feed-view.ts';
export type { PriceMove, SymbolFreshness, SymbolVersions } from './symbol-state.ts';

export interface MarketStoreOptions {
  schedule?: FrameScheduler;
  /** Trades kept per symbol (the tape shows fewer). */
  tradeCapacity?: number;
  /**
   * The stream's own candles kept per symbol (120): only what the chart draws until its history arrives (the
   * chart's series live in the candle book). Fifty symbols' rings of 300 filling from snapshots of 120 grew a
   * tab's heap by ~0.9 MB over its first quarter hour.
   */
  candleCapacity?: number;
  /** The chart's history series (page size, capacity, retries). */
  history?: CandleBookOptions;
}

/** The chart's interval until the reader picks another (or the address names one). */
export const DEFAULT_INTERVAL: CandleInterval = '1m';

type ResyncHandler = (symbol: string, reason: ResyncReason) => void;
type AppliedListener = (symbol: string, update: MarketUpdate) => void;

export class MarketStore {
  readonly specs: readonly SymbolSpec[];
  readonly symbols: readonly string[];
  /** Status, heartbeat, clock and connection counters; the connection writes them, the status bar reads them. */
  readonly connection: ConnectionHealth;
  /** Candles at every interval a view asked for: history pages joined with the stream (see candle-book.ts). */
  readonly candleBook: CandleBook;
  private readonly states = new Map<string, SymbolState>();
  private readonly listeners = new Set<() => void>();
  private readonly resyncHandlers = new Set<ResyncHandler>();
  private readonly appliedListeners = new Set<AppliedListener>();
  private readonly schedule: FrameScheduler;
  private notifyScheduled = false;
  private version = 0;
  private selected: string;
  private interval: CandleInterval = DEFAULT_INTERVAL;
  private updates = 0;
  private lastTime = 0;
  private feed: FeedView = UNKNOWN_FEED;
  /** Stream ids learned from snapshots, to decode `md` batches with. */
  private readonly decoder = new StreamDecoder();

  constructor(specs: readonly SymbolSpec[], options: MarketStoreOptions = {}) {
    const first = specs[0];
    if (!first) throw new RangeError('a market store needs at least one symbol');
    this.specs = specs;
    this.symbols = specs.map((s) => s.symbol);
    this.selected = first.symbol;
    this.schedule = options.schedule ?? nextAnimationFrame;
    this.connection = new ConnectionHealth(() => this.changed());
    const trades = options.tradeCapacity ?? 100;
    const candles = options.candleCapacity ?? 120;
    for (const spec of specs) this.states.set(spec.symbol, createSymbolState(spec, trades, candles));
    this.candleBook = new CandleBook(
      {
        epoch: (symbol) => this.state(symbol).replica.epoch,
        streamIntervalMs: (symbol) => this.state(symbol).replica.candles.intervalMs,
        position: (symbol) => {
          const { replica } = this.state(symbol);
          return { epoch: replica.epoch, seq: replica.seq, synced: replica.synced, trades: replica.trades.toArray() };
        },
        streamCandles: (symbol) => {
          const { candles } = this.state(symbol).replica;
          return { candles: candles.toArray(), intervalMs: candles.intervalMs };
        },
      },
      () => this.changed(),
      options.history,
    );
  }

  // --- reading -------------------------------------------------------------------------------------------

  /** Registers a listener called (from the frame scheduler) after changes; returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Grows on every change; equal versions mean equal state. */
  getVersion = (): number => this.version;

  getStatus = (): ConnectionStatus => this.connection.effectiveStatus;
  getSelected = (): string => this.selected;
  /** The chart's candle interval. */
  getInterval = (): CandleInterval => this.interval;
  /** Market updates received since start, applied or not (the status bar turns it into a rate). */
  getUpdateCount = (): number => this.updates;
  /** Server time of the newest snapshot or update received; 0 before the first. */
  getLastUpdateTime = (): number => this.lastTime;
  /** The feed's epoch and staleness as the server last said; the same object until either changes. */
  getFeed = (): FeedView => this.feed;

  has(symbol: string): boolean {
    return this.states.has(symbol);
  }

  instrument(symbol: string): Instrument {
    return this.state(symbol).instrument;
  }

  replica(symbol: string): SymbolReplica {
    return this.state(symbol).replica;
  }

  versions(symbol: string): SymbolVersions {
    return this.state(symbol).versions;
  }

  priceMove(symbol: string): PriceMove {
    return this.state(symbol).move;
  }

  /** True between a gap or checksum mismatch (of an update or a snapshot) and the snapshot that repairs it. */
  isResyncing(symbol: string): boolean {
    const { replica } = this.state(symbol);
    return replica.seq >= 0 && !replica.synced;
  }

  /** Every replica waits for a fresh snapshot: called when the connection drops or the epoch changes, so nothing
   * from the new stream is applied on top of state it did not produce. */
  invalidateAll(): void {
    for (const { replica } of this.states.values()) replica.invalidate();
    // The new stream may hand out stream ids anew: an update must never be decoded under an id's old symbol.
    this.decoder.forget();
    this.changed();
  }

  freshness(symbol: string): SymbolFreshness {
    if (this.getStatus() !== 'live') return 'disconnected';
    return this.streamFreshness(symbol);
  }

  /** A price is live only if the connection and the feed are live, the server calls the symbol live and its replica
   * is synced. */
  isLive(symbol: string): boolean {
    return this.freshness(symbol) === 'live';
  }

  /**
   * Whether the updates that apply for `symbol` are its live stream: as isLive, except that a late heartbeat
   * (stalled) does not break it, since what applies still follows seq by seq. The price alerts watch this: a
   * crossing that arrives while a ping is overdue is late, not unseen.
   */
  streamIsLive(symbol: string): boolean {
    const status = this.getStatus();
    return (status === 'live' || status === 'stalled') && this.streamFreshness(symbol) === 'live';
  }

  private streamFreshness(symbol: string): SymbolFreshness {
    const { replica } = this.state(symbol);
    // A server that hears nothing from its feed serves every symbol's last known numbers, synced or not.
    if (this.feed.stale) return 'stale';
    if (!replica.synced) return 'resyncing';
    return replica.status;
  }

  symbolDiagnostics(symbol: string): SymbolDiagnostics {
    return symbolDiagnostics(this.state(symbol));
  }

  /** A copy of every counter: the connection's and each symbol's, in symbol order. */
  diagnostics(): MarketDiagnostics {
    return {
      connection: this.connection.diagnostics(),
      feed: this.feed,
      symbols: this.symbols.map((symbol) => this.symbolDiagnostics(symbol)),
    };
  }

  /** Called with a symbol whose state is in doubt and needs a fresh snapshot, and why; returns the unregister. */
  onResync(handler: ResyncHandler): () => void {
    this.resyncHandlers.add(handler);
    return () => {
      this.resyncHandlers.delete(handler);
    };
  }

  /** Called synchronously with every update that applied cleanly (a gap, duplicate or checksum mismatch is not);
   * the price alerts watch trades here rather than in a frame, which would merge them. Returns the unregister. */
  onApplied(listener: AppliedListener): () => void {
    this.appliedListeners.add(listener);
    return () => {
      this.appliedListeners.delete(listener);
    };
  }

  // --- writing -------------------------------------------------------------------------------------------

  /** Replaces a symbol's state; one failing its checksum leaves it unsynced and asks for another; unknown: ignored. */
  applySnapshot(snapshot: SymbolSnapshot): 'applied' | 'mismatch' | 'ignored' {
    const state = this.states.get(snapshot.symbol);
    if (!state) return 'ignored';
    this.decoder.learn(snapshot);
    const before = state.replica.ticker.last;
    const result = state.replica.applySnapshot(snapshot);
    state.counters.snapshots++;
    const v = state.versions;
    v.book++;
    v.trades++;
    v.candles++;
    v.ticker++;
    trackMove(state, before, snapshot.ticker.last);
    this.lastTime = Math.max(this.lastTime, snapshot.time);
    this.changed();
    if (result === 'applied') this.candleBook.onSnapshot(snapshot.symbol);
    if (result === 'mismatch') {
      state.counters.mismatches++;
      this.requestResync(snapshot.symbol, 'checksum');
    }
    return result;
  }

  /** Applies every update of an `md` batch (see wire.ts), in order. */
  applyBatch(batch: unknown): void {
    for (const update of this.decoder.decode(batch)) this.applyUpdate(update);
  }

  applyUpdate(update: MarketUpdate): ApplyResult {
    this.updates++;
    const state = this.states.get(update.symbol);
    if (!state) return 'unsynced';
    const before = state.replica.ticker;
    const result = state.replica.applyUpdate(update);
    const counters = state.counters;
    if (result === 'duplicate') counters.duplicates++;
    if (result !== 'applied' && result !== 'mismatch') {
      // The replica stops at a gap and ignores updates until a snapshot, so one request per gap is enough.
      if (result === 'gap') this.doubt(state, 'gap');
      return result;
    }
    // A mismatched update was applied all the same (only its book is in doubt): the views follow it.
    counters.updates++;
    const v = state.versions;
    if (update.book) v.book++;
    if (update.trades) v.trades++;
    // Candles follow the trades (or come with the update when the trades do not imply them).
    if (update.candles || update.trades) v.candles++;
    const after = state.replica.ticker;
    if (after !== before) {
      v.ticker++;
      trackMove(state, before.last, after.last);
    }
    this.lastTime = Math.max(this.lastTime, update.time);
    // Trades are applied even when the book's checksum failed: the candles follow them either way.
    this.candleBook.onUpdate(update.symbol, update);
    if (result === 'mismatch') this.doubt(state, 'checksum');
    else {
      this.changed();
      for (const listener of this.appliedListeners) listener(update.symbol, update);
    }
    return result;
  }

  /** Asks the resync handlers (the connection) for a fresh snapshot of `symbol`. */
  requestResync(symbol: string, reason: ResyncReason): void {
    this.state(symbol);
    for (const handler of this.resyncHandlers) handler(symbol, reason);
  }

  /** Counts resync requests sent (the connection calls this once per request, with every symbol it names). */
  recordResync(symbols: readonly string[], reason: ResyncReason): void {
    for (const symbol of symbols) {
      const state = this.states.get(symbol);
      if (state) state.counters.resyncs[reason]++;
    }
  }

  /** Records the server's `feed:status`; what a new epoch voids is the connection's to act on. */
  setFeed(state: FeedState): void {
    const next = nextFeedView(this.feed, state);
    if (next === this.feed) return;
    this.feed = next;
    this.changed();
  }

  setStatus(status: Exclude<ConnectionStatus, 'stalled'>): void {
    this.connection.setStatus(status);
  }

  select = (symbol: string): void => {
    this.state(symbol);
    if (symbol === this.selected) return;
    this.selected = symbol;
    this.changed();
  };

  selectInterval = (interval: CandleInterval): void => {
    if (interval === this.interval) return;
    this.interval = interval;
    this.changed();
  };

  // --- internals -----------------------------------------------------------------------------------------

  private state(symbol: string): SymbolState {
    const state = this.states.get(symbol);
    if (!state) throw new RangeError(`unknown symbol ${symbol}`);
    return state;
  }

  private doubt(state: SymbolState, reason: 'gap' | 'checksum'): void {
    if (reason === 'gap') state.counters.gaps++;
    else state.counters.mismatches++;
    this.changed();
    this.requestResync(state.replica.symbol, reason);
  }

  private changed(): void {
    this.version++;
    if (this.notifyScheduled) return;
    this.notifyScheduled = true;
    this.schedule(this.notify);
  }

  private readonly notify = (): void => {
    this.notifyScheduled = false;
    for (const listener of Array.from(this.listeners)) listener();
  };
}
