import { describe, expect, it } from 'vitest';
import { CandleHistory, HISTORY_CAPACITY } from './candle-history.ts';
import { type Candle, combineCandles } from './candles.ts';
import type { Lots, Ticks } from './instrument.ts';
import { CANDLE_INTERVALS, INTERVAL_MS } from './intervals.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const t = (n: number) => n as Ticks;
const q = (n: number) => n as Lots;
const candle = (time: number, o: number, h: number, l: number, c: number, v: number): Candle => [
  time,
  t(o),
  t(h),
  t(l),
  t(c),
  q(v),
];

/** Closed 1m candles from `from`, `count` of them, each opening at its index and closing one higher. */
function minutes(from: number, count: number): Candle[] {
  return Array.from({ length: count }, (_, i) => candle(from + i * MIN, 100 + i, 102 + i, 99 + i, 101 + i, 1));
}

describe('CandleHistory', () => {
  it('folds one trade into every interval', () => {
    const history = new CandleHistory();
    history.addTrade(10 * HOUR + 1500, t(100), q(2));
    for (const interval of CANDLE_INTERVALS) {
      const { candles, more } = history.query(interval, 10);
      const ms = INTERVAL_MS[interval];
      expect(candles).toEqual([candle(Math.floor((10 * HOUR + 1500) / ms) * ms, 100, 100, 100, 100, 2)]);
      expect(more).toBe(false);
    }
  });

  it('pages backwards with before and says when more is held', () => {
    const history = new CandleHistory();
    history.seed('1m', minutes(0, 10));
    const newest = history.query('1m', 4);
    expect(newest.candles.map((c) => c[0])).toEqual([6, 7, 8, 9].map((i) => i * MIN));
    expect(newest.more).toBe(true);
    const older = history.query('1m', 4, newest.candles[0]![0]);
    expect(older.candles.map((c) => c[0])).toEqual([2, 3, 4, 5].map((i) => i * MIN));
    const oldest = history.query('1m', 4, older.candles[0]![0]);
    expect(oldest.candles.map((c) => c[0])).toEqual([0, MIN]);
    expect(oldest.more).toBe(false);
    expect(history.query('1m', 4, 0)).toEqual({ candles: [], more: false });
  });

  it('builds the coarser intervals from a seed and leaves the finer ones to the trades', () => {
    const history = new CandleHistory();
    history.seed('1m', minutes(0, 120));
    expect(history.size('1s')).toBe(0);
    expect(history.size('15s')).toBe(0);
    expect(history.query('1h', 10).candles).toEqual([
      combineCandles(0, minutes(0, 60)),
      combineCandles(HOUR, minutes(0, 120).slice(60)),
    ]);
    expect(history.query('1h', 1).candles[0]).toEqual(candle(HOUR, 160, 221, 159, 220, 60));
  });

  it('leaves out a coarse candle the seed does not cover from its start', () => {
    const history = new CandleHistory();
    history.seed('1m', minutes(30 * MIN, 60));
    expect(history.query('1h', 10).candles.map((c) => c[0])).toEqual([HOUR]);
  });

  it('a seed that comes after the trades only fills in before them, and completes the live candle of coarser ones', () => {
    const history = new CandleHistory();
    history.addTrade(HOUR + 30 * MIN + 5, t(500), q(3));
    // Backfill from a REST call that raced the websocket: its last minutes overlap the trades.
    history.seed('1m', minutes(0, 95));
    const ones = history.query('1m', 200).candles;
    expect(ones.at(-1)).toEqual(candle(HOUR + 30 * MIN, 500, 500, 500, 500, 3));
    expect(ones.at(-2)).toEqual(minutes(0, 90).at(-1));
    expect(ones).toHaveLength(91);
    const hours = history.query('1h', 10).candles;
    expect(hours).toEqual([
      combineCandles(0, minutes(0, 60)),
      combineCandles(HOUR, [...minutes(0, 90).slice(60), candle(HOUR + 30 * MIN, 500, 500, 500, 500, 3)]),
    ]);
  });

  it('composes seeds of two intervals: the coarser one reaches further back', () => {
    const history = new CandleHistory();
    history.seed('1m', minutes(10 * HOUR, 120));
    const hourly = Array.from({ length: 12 }, (_, i) => candle(i * HOUR, 1, 5, 1, 2, 10));
    history.seed('1h', hourly);
    const hours = history.query('1h', 100).candles;
    expect(hours.map((c) => c[0] / HOUR)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    // Where both said something, the first seed (built from finer candles) stays.
    expect(hours[10]).toEqual(combineCandles(10 * HOUR, minutes(10 * HOUR, 60)));
    expect(history.query('4h', 10).candles.map((c) => c[0] / HOUR)).toEqual([0, 4, 8]);
    expect(history.size('1m')).toBe(120);
  });

  it('keeps the newest candles when a seed is longer than the series holds', () => {
    const history = new CandleHistory({ ...HISTORY_CAPACITY, '1m': 50 });
    history.seed('1m', minutes(0, 80));
    const { candles, more } = history.query('1m', 1000);
    expect(candles).toEqual(minutes(0, 80).slice(30));
    expect(more).toBe(false);
  });

  it('the first trade into a seeded zero-volume candle replaces it: it carried no price of its own', () => {
    const history = new CandleHistory();
    history.seed('1m', [candle(0, 7, 7, 7, 7, 0), candle(MIN, 7, 7, 7, 7, 0)]);
    history.addTrade(MIN + 10, t(9), q(2));
    expect(history.query('1m', 10).candles).toEqual([candle(0, 7, 7, 7, 7, 0), candle(MIN, 9, 9, 9, 9, 2)]);
  });

  it('takes a seeded candle without trades as a flat at the last close, so the coarser series agree with it', () => {
    // A trade at 1 in minute 0, then a tradeless minute 4 that claims 2, then a trade in minute 10.
    const history = new CandleHistory();
    history.seed('1m', [candle(0, 1, 1, 1, 1, 1), candle(4 * MIN, 2, 2, 2, 2, 0)]);
    history.addTrade(10 * MIN, t(1), q(1));
    const oneMinute = history.query('1m', 20).candles;
    expect(oneMinute[1]).toEqual(candle(4 * MIN, 1, 1, 1, 1, 0));
    // The 5m candle of minutes 5-9 holds only flats: the ones the 1m series fills in after minute 4.
    const fiveMinute = history.query('5m', 10).candles;
    expect(fiveMinute.map((c) => c[0])).toEqual([0, 5 * MIN, 10 * MIN]);
    expect(fiveMinute[1]).toEqual(combineCandles(5 * MIN, oneMinute.slice(2, 7)));
  });

  it('ignores misaligned and out-of-order seed candles', () => {
    const history = new CandleHistory();
    history.seed('1m', [candle(0, 1, 1, 1, 1, 1), candle(MIN + 5, 1, 1, 1, 1, 1), candle(0, 2, 2, 2, 2, 1)]);
    expect(history.query('1m', 10).candles).toEqual([candle(0, 1, 1, 1, 1, 1)]);
  });
});

describe('combineCandles', () => {
  it('takes prices from traded candles, not from gap-filling flats', () => {
    expect(combineCandles(0, [candle(0, 5, 5, 5, 5, 0), candle(1, 7, 9, 6, 8, 2), candle(2, 8, 8, 8, 8, 0)])).toEqual(
      candle(0, 7, 9, 6, 8, 2),
    );
  });
});
