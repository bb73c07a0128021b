// One symbol's state rebuilt from the stream: a snapshot, then updates applied strictly in sequence order.
// Used by the browser client, by cluster edges (which serve snapshots taken from it), and by tests that check a
// client's view equals the server's.

import { CandleSeries } from '../market/candles.ts';
import { orderBookChecksum } from '../market/checksum.ts';
import type { Instrument } from '../market/instrument.ts';
import { OrderBook } from '../market/order-book.ts';
import { RingBuffer } from '../market/ring-buffer.ts';
import { EMPTY_TICKER, impliedTicker, type Ticker } from '../market/ticker.ts';
import type { Trade } from '../market/trade.ts';
import type { ChartMark, Epoch, MarketUpdate, SymbolSnapshot, SymbolStatus } from '../protocol/payloads.ts';

/** Chart marks a snapshot carries, the newest ones: the server keeps as many, so a replica's snapshot equals its. */
export const CHART_MARKS_KEPT = 20;

/**
 * - applied: the update was the next in sequence and is now part of the state.
 * - duplicate: already applied (seq not above ours); ignored.
 * - gap: an update is missing; the state stops here and needs a fresh snapshot.
 * - mismatch: applied, but the book's checksum differs from the server's: the state is wrong and needs a snapshot.
 * - unsynced: no snapshot yet (or a gap or mismatch was seen); ignored until the next snapshot.
 */
export type ApplyResult = 'applied' | 'duplicate' | 'gap' | 'mismatch' | 'unsynced';

export interface ReplicaOptions {
  /** The symbol's instrument; with it, every snapshot and book update is verified against its checksum. */
  instrument?: Instrument;
  tradeCapacity?: number;
  candleCapacity?: number;
}

export class SymbolReplica {
  readonly book = new OrderBook();
  readonly trades: RingBuffer<Trade>;
  /** Recent chart marks, oldest first. */
  readonly marks = new RingBuffer<ChartMark>(CHART_MARKS_KEPT);
  candles: CandleSeries;
  ticker: Ticker = EMPTY_TICKER;
  status: SymbolStatus = 'live';
  /** Sequence number of the last applied update or snapshot; -1 before the first snapshot. */
  seq = -1;
  /** Server time of the last applied message. */
  time = 0;
  synced = false;
  /** From the last snapshot: the epoch `seq` counts in, the stream id and the published depth. */
  epoch: Epoch = -1;
  sid = -1;
  depth = 0;
  /** The server's checksum of the book as of `seq` (verified when an instrument was given). */
  checksum = 0;
  private readonly candleCapacity: number;
  private readonly instrument: Instrument | undefined;

  constructor(
    readonly symbol: string,
    options: ReplicaOptions = {},
  ) {
    this.trades = new RingBuffer<Trade>(options.tradeCapacity ?? 100);
    this.candleCapacity = options.candleCapacity ?? 300;
    this.instrument = options.instrument;
    this.candles = new CandleSeries(60_000, this.candleCapacity);
  }

  /** Replaces the state; 'mismatch' (and still unsynced) if the snapshot's book fails its own checksum. */
  applySnapshot(snapshot: SymbolSnapshot): 'applied' | 'mismatch' {
    this.book.applySnapshot(snapshot.book);
    this.trades.clear();
    for (const t of snapshot.trades) this.trades.push(t);
    this.marks.clear();
    for (const m of snapshot.marks ?? []) this.marks.push(m);
    if (this.candles.intervalMs !== snapshot.candleIntervalMs) {
      this.candles = new CandleSeries(snapshot.candleIntervalMs, this.candleCapacity);
    }
    this.candles.reset(snapshot.candles);
    this.ticker = snapshot.ticker;
    this.status = snapshot.status;
    this.seq = snapshot.seq;
    this.time = snapshot.time;
    this.epoch = snapshot.epoch;
    this.sid = snapshot.sid;
    this.depth = snapshot.depth;
    this.checksum = snapshot.checksum;
    this.synced = this.checksumMatches(snapshot.checksum);
    return this.synced ? 'applied' : 'mismatch';
  }

  /**
   * Stops applying updates until the next snapshot; the state stays readable. For when its continuity is in doubt,
   * as after a disconnect: the next connection's updates may come from a restarted server with new sequence numbers.
   */
  invalidate(): void {
    this.synced = false;
  }

  /** True when there is nothing to verify with, or the book's top levels hash to `expected`. */
  private checksumMatches(expected: number | undefined): boolean {
    if (!this.instrument || expected === undefined) return true;
    return orderBookChecksum(this.book, this.instrument) === expected;
  }

  // Updates are applied in sequence order only; a gap means our book is wrong, so we stop and wait for a snapshot.
  applyUpdate(update: MarketUpdate): ApplyResult {
    if (!this.synced) return 'unsynced';
    if (update.seq <= this.seq) return 'duplicate';
    if (update.seq !== this.seq + 1) {
      this.synced = false;
      return 'gap';
    }
    if (update.book) this.book.applyDelta(update.book);
    const trades = update.trades;
    if (trades) for (const t of trades) this.trades.push(t);
    if (update.marks) for (const m of update.marks) this.marks.push(m);
    // The server sends candles only when the trades do not imply them; then they are the whole change.
    if (update.candles) for (const c of update.candles) this.candles.upsert(c);
    else if (trades) for (const t of trades) this.candles.addTrade(t[4], t[1], t[2]);
    const bid = this.book.bestBid()?.[0] ?? null;
    const ask = this.book.bestAsk()?.[0] ?? null;
    const implied = impliedTicker(this.ticker, trades, bid, ask);
    this.ticker = update.ticker ? { ...implied, ...update.ticker } : implied;
    if (update.status) this.status = update.status;
    this.seq = update.seq;
    this.time = update.time;
    if (update.book) {
      this.checksum = update.checksum ?? 0;
      if (!this.checksumMatches(update.checksum)) {
        this.synced = false;
        return 'mismatch';
      }
    }
    return 'applied';
  }

  /**
   * The state as a snapshot taken at `time`: what the server that published it would answer at this `seq`. A
   * cluster edge serves these; with the server's trade and candle capacities the two are equal field for field.
   */
  toSnapshot(time: number): SymbolSnapshot {
    if (!this.synced) throw new Error(`${this.symbol} has no verified state to snapshot`);
    return {
      symbol: this.symbol,
      epoch: this.epoch,
      sid: this.sid,
      seq: this.seq,
      time,
      depth: this.depth,
      book: this.book.top(this.depth),
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
