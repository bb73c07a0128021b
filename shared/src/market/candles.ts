// OHLCV candles by fixed interval, built from trades (server) or upserted from the stream (client).

import type { Lots, Ticks } from './instrument.ts';
import { RingBuffer } from './ring-buffer.ts';

/** What a candle needs of a trade. */
export interface TradePoint {
  readonly time: number;
  readonly price: Ticks;
  readonly size: Lots;
}

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

  /**
   * addTrade without the list of changed candles: the same candles, for callers that fold many trades and read the
   * series afterwards (the server's history, ten series a trade). A trade in the newest candle's interval, nearly
   * every trade, costs one new candle and no list.
   */
  fold(time: number, price: Ticks, size: Lots): void {
    const last = this.candles.last();
    if (last === undefined || bucketStart(time, this.intervalMs) > last[0]) {
      this.addTrade(time, price, size);
      return;
    }
    const [start, open, high, low, , volume] = last;
    this.candles.replaceLast([
      start,
      open,
      price > high ? price : high,
      price < low ? price : low,
      price,
      (volume + size) as Lots,
    ]);
  }

  /**
   * `fold` for trades[from..to), in order: the same candles, with one new candle per run of trades that lands in one
   * interval instead of one per trade. The server folds each flush's trades (several per symbol when busy) into ten
   * series, and a candle per trade per series was most of what it allocated.
   */
  foldAll(trades: readonly TradePoint[], from = 0, to = trades.length): void {
    for (let i = from; i < to;) i = this.foldRun(trades, i, to);
  }

  /**
   * Folds trades from `from` on while they land in one candle: the newest, or the one the first of them opens. Returns
   * the index it stopped at (a trade in a later interval).
   */
  foldRun(trades: readonly TradePoint[], from: number, to: number): number {
    const last = this.candles.last();
    const first = trades[from]!;
    if (last === undefined || bucketStart(first.time, this.intervalMs) > last[0]) {
      this.addTrade(first.time, first.price, first.size);
      return from + 1;
    }
    const start = last[0];
    let [, , high, low, close, volume] = last;
    let i = from;
    for (; i < to; i++) {
      const { time, price, size } = trades[i]!;
      if (bucketStart(time, this.intervalMs) > start) break;
      if (price > high) high = price;
      if (price < low) low = price;
      close = price;
      volume = (volume + size) as Lots;
    }
    this.candles.replaceLast([start, last[1], high, low, close, volume]);
    return i;
  }

  /**
   * The candles that changed since `before` was the newest (undefined: the series was empty): `before`'s slot if it
   * was replaced, and every candle after it, oldest first.
   */
  changedSince(before: Candle | undefined): Candle[] {
    const all = this.candles.toArray();
    if (before === undefined) return all;
    return all.filter((c) => c[0] > before[0] || (c[0] === before[0] && c !== before));
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
 * One candle for `time` out of the candles it covers, oldest first. Flat zero-volume candles (gaps filled between
 * trades) carry no price of their own, so open, high, low and close come from the traded ones when there are any.
 */
export function combineCandles(time: number, candles: readonly Candle[]): Candle {
  const traded = candles.filter((c) => c[5] > 0);
  const priced = traded.length > 0 ? traded : candles;
  const first = priced[0];
  const last = priced[priced.length - 1];
  if (!first || !last) throw new RangeError('combineCandles needs at least one candle');
  let high = first[2];
  let low = first[3];
  let volume = 0;
  for (const c of priced) {
    if (c[2] > high) high = c[2];
    if (c[3] < low) low = c[3];
  }
  for (const c of candles) volume += c[5];
  return [time, first[1], high, low, last[4], volume as Lots];
}

/**
 * Candles at a coarser interval built from finer ones (oldest first), each with combineCandles: equal to candles
 * built from the same trades at the coarser interval directly.
 */
export function aggregateCandles(candles: readonly Candle[], intervalMs: number): Candle[] {
  const out: Candle[] = [];
  let group: Candle[] = [];
  let start = 0;
  for (const c of candles) {
    const bucket = bucketStart(c[0], intervalMs);
    if (group.length > 0 && bucket !== start) {
      out.push(combineCandles(start, group));
      group = [];
    }
    start = bucket;
    group.push(c);
  }
  if (group.length > 0) out.push(combineCandles(start, group));
  return out;
}
