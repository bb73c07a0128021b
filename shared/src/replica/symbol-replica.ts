// One symbol's state rebuilt from the stream: a snapshot, then updates applied strictly in sequence order.
// Used by the browser client and by tests that check a client's view equals the server's.

import { CandleSeries } from '../market/candles.ts';
import { OrderBook } from '../market/order-book.ts';
import { RingBuffer } from '../market/ring-buffer.ts';
import { EMPTY_TICKER, type Ticker } from '../market/ticker.ts';
import type { Trade } from '../market/trade.ts';
import type { MarketUpdate, SymbolSnapshot } from '../protocol/payloads.ts';

/**
 * - applied: the update was the next in sequence and is now part of the state.
 * - duplicate: already applied (seq not above ours); ignored.
 * - gap: an update is missing; the state stops here and needs a fresh snapshot.
 * - unsynced: no snapshot yet (or a gap was seen); ignored until the next snapshot.
 */
export type ApplyResult = 'applied' | 'duplicate' | 'gap' | 'unsynced';

export interface ReplicaOptions {
  tradeCapacity?: number;
  candleCapacity?: number;
}

export class SymbolReplica {
  readonly book = new OrderBook();
  readonly trades: RingBuffer<Trade>;
  candles: CandleSeries;
  ticker: Ticker = EMPTY_TICKER;
  /** Sequence number of the last applied update or snapshot; -1 before the first snapshot. */
  seq = -1;
  /** Server time of the last applied message. */
  time = 0;
  synced = false;
  private readonly candleCapacity: number;

  constructor(
    readonly symbol: string,
    options: ReplicaOptions = {},
  ) {
    this.trades = new RingBuffer<Trade>(options.tradeCapacity ?? 100);
    this.candleCapacity = options.candleCapacity ?? 300;
    this.candles = new CandleSeries(60_000, this.candleCapacity);
  }

  applySnapshot(snapshot: SymbolSnapshot): void {
    this.book.applySnapshot(snapshot.book);
    this.trades.clear();
    for (const t of snapshot.trades) this.trades.push(t);
    if (this.candles.intervalMs !== snapshot.candleIntervalMs) {
      this.candles = new CandleSeries(snapshot.candleIntervalMs, this.candleCapacity);
    }
    this.candles.reset(snapshot.candles);
    this.ticker = snapshot.ticker;
    this.seq = snapshot.seq;
    this.time = snapshot.time;
    this.synced = true;
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
    if (update.trades) for (const t of update.trades) this.trades.push(t);
    if (update.candles) for (const c of update.candles) this.candles.upsert(c);
    if (update.ticker) this.ticker = update.ticker;
    this.seq = update.seq;
    this.time = update.time;
    return 'applied';
  }
}
