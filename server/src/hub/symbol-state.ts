// One symbol's authoritative state on the server. Feed events accumulate as pending work; a flush folds them into
// the published state (top-N book view, trades, candles, ticker) and describes the change as one sequenced update.
// Between flushes the published state does not move, so a snapshot at seq N is exactly what a client holds after
// applying updates 1..N.

import {
  type AggressorCode,
  type BookLevels,
  type Candle,
  CandleSeries,
  EMPTY_TICKER,
  type Lots,
  type MarketUpdate,
  OrderBook,
  RingBuffer,
  type SymbolSnapshot,
  type SymbolSpec,
  type Ticker,
  type Ticks,
  type Trade,
  diffLevels,
} from '@tickline/shared';
import type { MarketEvent } from '../feeds/feed.ts';

export interface SymbolStateOptions {
  /** Levels per side in the published book. */
  depth: number;
  tradeHistory: number;
  candleIntervalMs: number;
  candleHistory: number;
  /** Most trades one update carries; older ones of a burst are left out of it (ticker and candles still count them). */
  maxTradesPerUpdate: number;
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
  private readonly trades: RingBuffer<Trade>;
  private readonly candles: CandleSeries;
  private ticker: Ticker = EMPTY_TICKER;
  private seq = 0;
  private nextTradeId = 1;

  private bookDirty = false;
  private pendingTrades: PendingTrade[] = [];
  private pendingStats: VenueStats | undefined;
  private venueStats = false;

  constructor(
    readonly spec: SymbolSpec,
    private readonly options: SymbolStateOptions,
  ) {
    this.trades = new RingBuffer<Trade>(options.tradeHistory);
    this.candles = new CandleSeries(options.candleIntervalMs, options.candleHistory);
  }

  get sequence(): number {
    return this.seq;
  }

  apply(event: MarketEvent): void {
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
        this.pendingTrades.push({ time: event.time, price: event.price, size: event.size, aggressor: event.aggressor });
        return;
      case 'ticker':
        this.venueStats = true;
        this.pendingStats = { open: event.open, high: event.high, low: event.low, volume: event.volume };
        return;
      case 'status':
        return; // Per-symbol feed status reaches clients with the stream-integrity work.
    }
  }

  /** Folds pending events into the published state; returns the update with the next seq, or undefined if none. */
  flush(time: number): MarketUpdate | undefined {
    const book = this.bookDirty ? this.publishBook() : undefined;
    const before = this.ticker;
    let ticker = before;
    if (book) {
      const bid = this.published.bids[0]?.[0] ?? null;
      const ask = this.published.asks[0]?.[0] ?? null;
      if (bid !== ticker.bid || ask !== ticker.ask) ticker = { ...ticker, bid, ask };
    }
    if (this.pendingStats) {
      ticker = { ...ticker, ...this.pendingStats };
      this.pendingStats = undefined;
    }
    let trades: Trade[] | undefined;
    let candles: Candle[] | undefined;
    if (this.pendingTrades.length > 0) {
      const changed = new Map<number, Candle>();
      trades = [];
      for (const p of this.pendingTrades) {
        trades.push([this.nextTradeId++, p.price, p.size, p.aggressor, p.time]);
        for (const c of this.candles.addTrade(p.time, p.price, p.size)) changed.set(c[0], c);
        ticker = this.venueStats ? { ...ticker, last: p.price, trades: ticker.trades + 1 } : withTrade(ticker, p);
      }
      this.pendingTrades = [];
      // The history holds only what was sent, so a snapshot never shows a trade that an update left out.
      if (trades.length > this.options.maxTradesPerUpdate) trades = trades.slice(-this.options.maxTradesPerUpdate);
      for (const t of trades) this.trades.push(t);
      candles = [...changed.values()];
    }
    if (!book && !trades && ticker === before) return undefined;

    this.ticker = ticker;
    const update: MarketUpdate = { symbol: this.spec.symbol, seq: ++this.seq, time };
    if (book) update.book = book;
    if (trades) update.trades = trades;
    if (ticker !== before) update.ticker = ticker;
    if (candles) update.candles = candles;
    return update;
  }

  private publishBook(): MarketUpdate['book'] {
    this.bookDirty = false;
    const view = this.fullBook.top(this.options.depth);
    const changes = diffLevels(this.published, view);
    this.published = view;
    return changes.length > 0 ? changes : undefined;
  }

  /** The published state, as of the last flush. */
  snapshot(time: number): SymbolSnapshot {
    return {
      symbol: this.spec.symbol,
      seq: this.seq,
      time,
      depth: this.options.depth,
      book: { bids: [...this.published.bids], asks: [...this.published.asks] },
      trades: this.trades.toArray(),
      candleIntervalMs: this.candles.intervalMs,
      candles: this.candles.toArray(),
      ticker: this.ticker,
    };
  }
}

function withTrade(t: Ticker, p: PendingTrade): Ticker {
  return {
    ...t,
    last: p.price,
    open: t.open ?? p.price,
    high: t.high === null || p.price > t.high ? p.price : t.high,
    low: t.low === null || p.price < t.low ? p.price : t.low,
    volume: (t.volume + p.size) as Lots,
    trades: t.trades + 1,
  };
}
