import { describe, expect, it } from 'vitest';
import { ema, sma, utcDay, vwap, wholeRange, type IndicatorCandle } from './indicators.ts';

const closes = (...values: number[]): IndicatorCandle[] =>
  values.map((close, i) => ({ time: i * 60_000, high: close, low: close, close, volume: 1 }));

const list = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));

describe('sma', () => {
  it('averages the last `period` closes, starting once there are that many', () => {
    expect(list(sma(closes(1, 2, 3, 4, 5, 6), 3))).toEqual([null, null, 2, 3, 4, 5]);
  });

  it('is empty for an empty series and all NaN when shorter than the period', () => {
    expect(list(sma([], 3))).toEqual([]);
    expect(list(sma(closes(1, 2), 3))).toEqual([null, null]);
  });
});

describe('ema', () => {
  it('starts at the SMA of the first period and then smooths by 2 / (period + 1)', () => {
    // period 3, k = 0.5: seed (2 + 4 + 6) / 3 = 4; then 8*0.5 + 4*0.5 = 6; then 6*0.5 + 6*0.5 = 6; 10*0.5 + 3 = 8.
    expect(list(ema(closes(2, 4, 6, 8, 6, 10), 3))).toEqual([null, null, 4, 6, 6, 8]);
  });

  it('with period 1 is the closes themselves', () => {
    expect(list(ema(closes(3, 1, 4), 1))).toEqual([3, 1, 4]);
  });
});

describe('vwap', () => {
  it('weights the typical price by volume, cumulatively', () => {
    const candles: IndicatorCandle[] = [
      { time: 0, high: 12, low: 6, close: 9, volume: 2 }, // typical 9
      { time: 60_000, high: 14, low: 10, close: 12, volume: 1 }, // typical 12
      { time: 120_000, high: 6, low: 6, close: 6, volume: 3 }, // typical 6
    ];
    // (18) / 2 = 9; (18 + 12) / 3 = 10; (30 + 18) / 6 = 8.
    expect(list(vwap(candles, wholeRange))).toEqual([9, 10, 8]);
  });

  it('restarts at each UTC day', () => {
    const day = 86_400_000;
    const candles: IndicatorCandle[] = [
      { time: day - 60_000, high: 10, low: 10, close: 10, volume: 1 },
      { time: day, high: 20, low: 20, close: 20, volume: 1 },
      { time: day + 60_000, high: 30, low: 30, close: 30, volume: 1 },
    ];
    expect(list(vwap(candles, utcDay))).toEqual([10, 20, 25]);
  });

  it('has no value before the session has traded', () => {
    const candles: IndicatorCandle[] = [
      { time: 0, high: 10, low: 10, close: 10, volume: 0 },
      { time: 60_000, high: 20, low: 20, close: 20, volume: 2 },
    ];
    expect(list(vwap(candles, wholeRange))).toEqual([null, 20]);
  });
});
