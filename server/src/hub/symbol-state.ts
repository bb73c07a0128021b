// One symbol's authoritative state on the server. Feed events accumulate as pending work; a flush folds them into
// the published state (top-N book view, trades, candles, ticker) and describes the change as one sequenced update.
// Between flushes the published state does not move, so a snapshot at seq N is exactly what a client holds after
// applying updates 1..N.

import {
  type AggressorCode,
  bookChecksum,
  type BookLevels,
  type Candle,
  CandleHistory,
  type CandleInterval,
  CandleSeries,
  CHART_MARKS_KEPT,
  type ChartMark,
  type HistoryPage,
  isCandleInterval,
  EMPTY_TICKER,
  impliedTicker,
  type Instrument,
  type Lots,
  makeInstrument,
  type MarketUpdate,
  OrderBook,
  RingBuffer,
  type SymbolSnapshot,
  type SymbolSpec,
  type SymbolStatus,
  type Ticker,
  tickerAfterTrade,
  tickerPatch,
  type Ticks,
  type Trade,
  tradeId,
  diffLevels,
} from '@tickline/shared';
import type { FeedStatus, MarketEvent } from '../feeds/feed.ts';
import type { SymbolDescription } from './market-view.ts';

export interface SymbolStateOptions {
  /** Levels per side in the published book. */
  depth: number;
  tradeHistory: number;
  candleIntervalMs: number;
  candleHistory: number;
  /** Most trades one update carries; older ones of a burst are left out of it (ticker and candles still count them). */
  maxTradesPerUpdate: number;
  /** A symbol with no event from its feed for this long is stale. */
  staleAfterMs: number;
  /** Candles kept per chart interval (CandleHistory's defaults when absent). */
  historyCapacity?: Readonly<Record<CandleInterval, number>> | undefined;
}

/** A mark's label is a few words for a chart, cut to this length. */
const MAX_MARK_LABEL = 80;

/** Backfill waiting for the flush, and how many of the pending trades came before it. */
interface PendingSeed {
  afterTrades: number;
  interval: CandleInterval;
  candles: Candle[];
}

interface PendingTrade {
  time: number;
  price: Ticks;
  size: Lots;
  aggressor: AggressorCode;
}

type VenueStats = Pick<Ticker, 'open' | 'high' | 'low' | 'volume'>;

export class SymbolState {
  private readonly fullBook = new OrderBook();
  private published: BookLevels = { bids: [], asks: [] };
  private checksum = 0;
  private status: SymbolStatus = 'live';
  private feedStatus: FeedStatus = 'live';
  private lastEventAt: number;
  private readonly instrument: Instrument;
  private readonly trades: RingBuffer<Trade>;
  private readonly candles: CandleSeries;
  private readonly history: CandleHistory;
  private readonly marks: RingBuffer<ChartMark>;
  private ticker: Ticker = EMPTY_TICKER;
  private seq = 0;
  /** The `time` of the flush that published `seq`. */
  private publishedAt = Number.NEGATIVE_INFINITY;

  private bookDirty = false;
  private pendingTrades: PendingTrade[] = [];
  private pendingStats: VenueStats | undefined;
  private pendingSeeds: PendingSeed[] = [];
  private pendingMarks: ChartMark[] = [];
  private venueStats = false;

  constructor(
    readonly spec: SymbolSpec,
    /** The symbol's stream id: how updates on the wire name it. */
    readonly sid: number,
    private readonly options: SymbolStateOptions,
    createdAt: number,
  ) {
    this.instrument = makeInstrument(spec);
    this.lastEventAt = createdAt;
    this.trades = new RingBuffer<Trade>(options.tradeHistory);
    this.candles = new CandleSeries(options.candleIntervalMs, options.candleHistory);
    this.history = new CandleHistory(options.historyCapacity);
    this.marks = new RingBuffer<ChartMark>(CHART_MARKS_KEPT);
  }

  get sequence(): number {
    return this.seq;
  }

  /** Applies one feed event; `now` is when it arrived (its own `time` may be the venue's, or in the past). */
  apply(event: MarketEvent, now: number): void {
    this.lastEventAt = now;
    switch (event.type) {
      case 'book:snapshot':
        this.fullBook.applySnapshot(event);
        this.bookDirty = true;
        return;
      case 'book:delta':
        this.fullBook.applyDelta(event.updates);
        this.bookDirty = true;
        return;
      case 'trade':
        // Whole ms: trade times travel as integer deltas (wire.ts). Sizes are positive: the wire signs them by side.
        if (!(event.size > 0)) throw new RangeError(`trade size must be positive, got ${event.size}`);
        this.pendingTrades.push({
          time: Math.floor(event.time),
          price: event.price,
          size: event.size,
          aggressor: event.aggressor,
        });
        return;
      case 'ticker':
        this.venueStats = true;
        this.pendingStats = { open: event.open, high: event.high, low: event.low, volume: event.volume };
        return;
      case 'status':
        this.feedStatus = event.status;
        return;
      case 'history':
        if (!isCandleInterval(event.interval))
          throw new RangeError(`unknown candle interval ${String(event.interval)}`);
        if (!Array.isArray(event.candles)) throw new RangeError('history without candles');
        this.pendingSeeds.push({
          afterTrades: this.pendingTrades.length,
          interval: event.interval,
          candles: event.candles,
        });
        return;
      case 'mark':
        this.pendingMarks.push({ time: Math.floor(event.time), label: String(event.label).slice(0, MAX_MARK_LABEL) });
        return;
    }
  }

  /** Folds pending events into the published state; returns the update with the next seq, or undefined if none. */
  flush(time: number): MarketUpdate | undefined {
    const status = this.statusAt(time);
    const statusChanged = status !== this.status;
    this.status = status;
    const book = this.bookDirty ? this.publishBook() : undefined;
    const before = this.ticker;
    let ticker = before;
    const bid = this.published.bids[0]?.[0] ?? null;
    const ask = this.published.asks[0]?.[0] ?? null;
    if (book && (bid !== ticker.bid || ask !== ticker.ask)) ticker = { ...ticker, bid, ask };
    if (this.pendingStats) {
      ticker = { ...ticker, ...this.pendingStats };
      this.pendingStats = undefined;
    }
    const seq = this.seq + 1;
    let trades: Trade[] | undefined;
    let candles: Candle[] | undefined;
    const pending = this.pendingTrades;
    // Every trade goes into the history, those the cap leaves out of the update too: it is the state as of `seq`.
    this.feedHistory(pending);
    if (pending.length > 0) {
      this.pendingTrades = [];
      const newestBefore = this.candles.last();
      this.candles.foldAll(pending);
      for (const p of pending) {
        ticker = this.venueStats
          ? { ...ticker, last: p.price, trades: ticker.trades + 1 }
          : tickerAfterTrade(ticker, p.price, p.size);
      }
      // The history holds only what was sent, so a snapshot never shows a trade that an update left out.
      const sent =
        pending.length > this.options.maxTradesPerUpdate ? pending.slice(-this.options.maxTradesPerUpdate) : pending;
      trades = sent.map((p, i) => [tradeId(seq, i), p.price, p.size, p.aggressor, p.time] as const);
      for (const t of trades) this.trades.push(t);
      // Clients fold the trades they get into their candles; when some were left out, the candles travel instead.
      if (sent.length < pending.length) candles = this.candles.changedSince(newestBefore);
    }
    // What clients will work out from the trades and book alone; only the difference is sent.
    const patch = tickerPatch(impliedTicker(before, trades, bid, ask), ticker);
    const marks = this.pendingMarks.length > 0 ? this.pendingMarks : undefined;
    this.pendingMarks = [];
    if (!book && !trades && !patch && !statusChanged && !marks) return undefined;

    this.ticker = ticker;
    this.seq = seq;
    this.publishedAt = time;
    const update: MarketUpdate = { symbol: this.spec.symbol, seq, time };
    if (book) {
      update.book = book;
      update.checksum = this.checksum;
    }
    if (statusChanged) update.status = status;
    if (trades) update.trades = trades;
    if (patch) update.ticker = patch;
    if (candles) update.candles = candles;
    if (marks) {
      update.marks = marks;
      for (const m of marks) this.marks.push(m);
    }
    return update;
  }

  /** Folds the flush's trades and backfill into the history, in the order they arrived. */
  private feedHistory(trades: readonly PendingTrade[]): void {
    const seeds = this.pendingSeeds;
    this.pendingSeeds = [];
    // The trades between one seed and the next fold together (one new candle per interval, not per trade).
    let from = 0;
    for (const seed of seeds) {
      const until = Math.min(seed.afterTrades, trades.length);
      if (until > from) this.history.addTrades(trades, from, until);
      from = Math.max(from, until);
      this.history.seed(seed.interval, seed.candles);
    }
    if (trades.length > from) this.history.addTrades(trades, from);
  }

  /** Candles of `interval` as of the last flush (see CandleHistory.query), with the `seq` they are the state of. */
  candleHistory(interval: CandleInterval, limit: number, before?: number): HistoryPage & { seq: number } {
    return { seq: this.seq, ...this.history.query(interval, limit, before) };
  }

  private publishBook(): MarketUpdate['book'] {
    this.bookDirty = false;
    const view = this.fullBook.top(this.options.depth);
    const changes = diffLevels(this.published, view);
    this.published = view;
    if (changes.length === 0) return undefined;
    this.checksum = bookChecksum(view, this.instrument);
    return changes;
  }

  // Halted is the venue's word; stale is ours too: a feed that says nothing for staleAfterMs is not live.
  private statusAt(time: number): SymbolStatus {
    if (this.feedStatus === 'halted') return 'halted';
    if (this.feedStatus !== 'live' || time - this.lastEventAt > this.options.staleAfterMs) return 'stale';
    return 'live';
  }

  /**
   * Whether what is pending is only book changes and the last update went out less than `windowMs` before `time`:
   * such changes may wait for a later flush (the hub's book conflation). A trade, a status or anything else pending
   * goes out at once, and takes the book changes with it.
   */
  onlyBookSince(time: number, windowMs: number): boolean {
    return (
      time - this.publishedAt < windowMs &&
      this.pendingTrades.length === 0 &&
      this.pendingStats === undefined &&
      this.pendingSeeds.length === 0 &&
      this.pendingMarks.length === 0 &&
      !this.statusWouldChange(time)
    );
  }

  /** Whether a flush at `time` would publish a new status: lets the hub find symbols gone quiet. */
  statusWouldChange(time: number): boolean {
    return this.statusAt(time) !== this.status;
  }

  /** Health at a glance, for /api/stats. */
  describe(now: number): SymbolDescription {
    return {
      sid: this.sid,
      seq: this.seq,
      checksum: this.checksum,
      status: this.status,
      lastEventAgeMs: now - this.lastEventAt,
    };
  }

  /** The published state, as of the last flush; the hub adds the epoch. */
  snapshot(time: number): Omit<SymbolSnapshot, 'epoch'> {
    return {
      symbol: this.spec.symbol,
      sid: this.sid,
      seq: this.seq,
      time,
      depth: this.options.depth,
      book: { bids: [...this.published.bids], asks: [...this.published.asks] },
      checksum: this.checksum,
      status: this.status,
      trades: this.trades.toArray(),
      candleIntervalMs: this.candles.intervalMs,
      candles: this.candles.toArray(),
      ticker: this.ticker,
      ...(this.marks.size > 0 ? { marks: this.marks.toArray() } : {}),
    };
  }
}
