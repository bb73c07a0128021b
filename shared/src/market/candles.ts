// OHLCV candles by fixed interval, built from trades (server) or upserted from the stream (client).

import type { Lots, Ticks } from './instrument.ts';
import { RingBuffer } from './ring-buffer.ts';

/** One candle: interval start (ms since epoch), open, high, low, close, volume. */
export type Candle = readonly [time: number, open: Ticks, high: Ticks, low: Ticks, close: Ticks, volume: Lots];

/** Start of the interval that contains `time`. */
export function bucketStart(time: number, intervalMs: number): number {
  return Math.floor(time / intervalMs) * intervalMs;
}

export class CandleSeries {
  private readonly candles: RingBuffer<Candle>;

  constructor(
    readonly intervalMs: number,
    capacity: number,
  ) {
    if (!Number.isInteger(intervalMs) || intervalMs <= 0) throw new RangeError('intervalMs must be a positive integer');
    this.candles = new RingBuffer<Candle>(capacity);
  }

  get size(): number {
    return this.candles.size;
  }

  last(): Candle | undefined {
    return this.candles.last();
  }

  /** Newest `n` candles (all by default), oldest first. */
  toArray(n?: number): Candle[] {
    return this.candles.toArray(n);
  }

  /**
   * Adds a trade and returns the candles it created or changed, oldest first. Empty intervals since the previous
   * trade are filled with flat, zero-volume candles so the chart's time axis has no holes. A trade older than the
   * current candle is folded into it (feeds may deliver slightly out of order; a candle never reopens).
   */
  addTrade(time: number, price: Ticks, size: Lots): Candle[] {
    const start = bucketStart(time, this.intervalMs);
    const last = this.candles.last();
    if (!last) {
      const c: Candle = [start, price, price, price, price, size];
      this.candles.push(c);
      return [c];
    }
    const [lastStart, open, high, low, , volume] = last;
    if (start <= lastStart) {
      const c: Candle = [
        lastStart,
        open,
        Math.max(high, price) as Ticks,
        Math.min(low, price) as Ticks,
        price,
        (volume + size) as Lots,
      ];
      this.candles.replaceLast(c);
      return [c];
    }
    const changed: Candle[] = [];
    const close = last[4];
    // At most capacity - 1 flats fit before the new candle; an earlier one would be evicted as soon as it is pushed.
    const firstGap = Math.max(lastStart + this.intervalMs, start - this.intervalMs * (this.candles.capacity - 1));
    for (let t = firstGap; t < start; t += this.intervalMs) {
      const flat: Candle = [t, close, close, close, close, 0 as Lots];
      this.candles.push(flat);
      changed.push(flat);
    }
    const c: Candle = [start, price, price, price, price, size];
    this.candles.push(c);
    changed.push(c);
    return changed;
  }

  /** Applies a candle from the stream: replaces the newest if it has the same time, appends if newer. */
  upsert(candle: Candle): void {
    const last = this.candles.last();
    if (last && last[0] === candle[0]) this.candles.replaceLast(candle);
    else if (!last || candle[0] > last[0]) this.candles.push(candle);
  }

  reset(candles: readonly Candle[]): void {
    this.candles.clear();
    for (const c of candles) this.upsert(c);
  }
}
