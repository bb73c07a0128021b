import type { Candle, Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../exchange/rng.ts';
import { intradayActivity, syntheticHistory, type SyntheticHistoryParams } from './synthetic-history.ts';

const END = 1_800_000_000_000 - (1_800_000_000_000 % 60_000);
const DAY_MINUTES = 24 * 60;
const params: SyntheticHistoryParams = {
  end: END,
  endPrice: 6_400_000 as Ticks,
  volatility: 0.6,
  typicalLots: 500,
  tradesPerSecond: 4,
  minutes: DAY_MINUTES,
  tailSeconds: 3600,
};

const contiguous = (candles: readonly Candle[], step: number) =>
  candles.every((c, i) => i === 0 || c[0] - (candles[i - 1] as Candle)[0] === step);

describe('syntheticHistory', () => {
  const { minutes, seconds } = syntheticHistory(params, new Rng(7));

  it('makes a day of contiguous minute candles ending at the end, and the last hour in seconds', () => {
    expect(minutes).toHaveLength(DAY_MINUTES);
    expect(minutes[0]![0]).toBe(END - DAY_MINUTES * 60_000);
    expect(minutes.at(-1)![0]).toBe(END - 60_000);
    expect(contiguous(minutes, 60_000)).toBe(true);
    expect(seconds).toHaveLength(3600);
    expect(seconds.at(-1)![0]).toBe(END - 1000);
    expect(contiguous(seconds, 1000)).toBe(true);
  });

  it('ends exactly at the price the live market starts from, each candle opening at the last close', () => {
    expect(minutes.at(-1)![4]).toBe(params.endPrice);
    expect(seconds.at(-1)![4]).toBe(params.endPrice);
    for (const series of [minutes, seconds]) {
      series.forEach((c, i) => {
        const [, open, high, low, close, volume] = c;
        expect(high).toBeGreaterThanOrEqual(Math.max(open, close));
        expect(low).toBeLessThanOrEqual(Math.min(open, close));
        expect(low).toBeGreaterThan(0);
        expect(Number.isInteger(volume) && volume >= 0).toBe(true);
        if (i > 0) expect(open).toBe(series[i - 1]![4]);
      });
    }
  });

  it('agrees with itself: each of the last minutes is its sixty seconds', () => {
    for (let m = 0; m < 60; m++) {
      const minute = minutes[DAY_MINUTES - 60 + m]!;
      const secs = seconds.slice(m * 60, m * 60 + 60);
      expect(secs[0]![0]).toBe(minute[0]);
      expect(minute).toEqual([
        minute[0],
        secs[0]![1],
        Math.max(...secs.map((s) => s[2])),
        Math.min(...secs.map((s) => s[3])),
        secs.at(-1)![4],
        secs.reduce((sum, s) => sum + s[5], 0),
      ]);
    }
  });

  it('moves like the model: a day of 60% volatility is a few percent, never a flat line or a blow-up', () => {
    const closes = minutes.map((c) => c[4]);
    const range = (Math.max(...closes) - Math.min(...closes)) / params.endPrice;
    expect(range).toBeGreaterThan(0.005);
    expect(range).toBeLessThan(0.5);
  });

  it('trades more in the busy hours than in the quiet ones', () => {
    const volumeAt = (hour: number) =>
      minutes.filter((c) => new Date(c[0]).getUTCHours() === hour).reduce((sum, c) => sum + c[5], 0);
    expect(volumeAt(15)).toBeGreaterThan(volumeAt(3) * 1.5);
    expect(intradayActivity(Date.UTC(2026, 0, 1, 15))).toBeGreaterThan(intradayActivity(Date.UTC(2026, 0, 1, 3)));
  });

  it('is the same for the same seed and different for another', () => {
    expect(syntheticHistory(params, new Rng(7))).toEqual({ minutes, seconds });
    expect(syntheticHistory(params, new Rng(8)).minutes).not.toEqual(minutes);
  });

  it('refuses an end that is not a whole minute', () => {
    expect(() => syntheticHistory({ ...params, end: END + 1 }, new Rng(1))).toThrow(/whole minute/);
  });
});
