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
    const last = this.candles.last();
    // At most capacity - 1 flats fit before the new candle; an earlier one would be evicted as soon as it is pushed.
    const changed = foldTrade(last, time, price, size, this.intervalMs, this.candles.capacity - 1);
    const first = changed[0];
    if (last && first && first[0] === last[0]) this.candles.replaceLast(first);
    else if (first) this.candles.push(first);
    for (let i = 1; i < changed.length; i++) this.candles.push(changed[i] as Candle);
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

/**
 * The candles a trade creates or changes after `last` (the newest candle, if any), oldest first: the newest itself
 * folded (a trade in or before its interval: a candle never reopens), or flat zero-volume candles for the empty
 * intervals since it (at most `maxFlats`, the newest ones) and then a new candle. Every client and the server build
 * candles with this one rule, so they agree.
 */
export function foldTrade(
  last: Candle | undefined,
  time: number,
  price: Ticks,
  size: Lots,
  intervalMs: number,
  maxFlats: number,
): Candle[] {
  const start = bucketStart(time, intervalMs);
  if (!last) return [[start, price, price, price, price, size]];
  const [lastStart, open, high, low, close, volume] = last;
  if (start <= lastStart) {
    return [
      [lastStart, open, Math.max(high, price) as Ticks, Math.min(low, price) as Ticks, price, (volume + size) as Lots],
    ];
  }
  const changed: Candle[] = [];
  for (let t = Math.max(lastStart + intervalMs, start - intervalMs * maxFlats); t < start; t += intervalMs) {
    changed.push([t, close, close, close, close, 0 as Lots]);
  }
  changed.push([start, price, price, price, price, size]);
  return changed;
}

/**
 * Candles at a coarser interval built from finer ones (oldest first): open of the first, high and low over all, close
 * of the last, volumes summed. Flat zero-volume candles (the fill of an interval without trades) count only in an
 * interval that has nothing else, so the result equals candles built from the trades directly.
 */
export function aggregateCandles(candles: readonly Candle[], intervalMs: number): Candle[] {
  const out: Candle[] = [];
  for (const c of candles) {
    const start = bucketStart(c[0], intervalMs);
    const last = out[out.length - 1];
    if (!last || last[0] !== start) {
      out.push([start, c[1], c[2], c[3], c[4], c[5]]);
    } else if (last[5] === 0 && c[5] > 0) {
      out[out.length - 1] = [start, c[1], c[2], c[3], c[4], c[5]];
    } else if (c[5] > 0) {
      out[out.length - 1] = [
        start,
        last[1],
        Math.max(last[2], c[2]) as Ticks,
        Math.min(last[3], c[3]) as Ticks,
        c[4],
        (last[5] + c[5]) as Lots,
      ];
    }
  }
  return out;
}
