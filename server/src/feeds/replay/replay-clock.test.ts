import type { Lots, Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import type { MarketEvent } from '../feed.ts';
import { playedTime, rebased } from './replay-clock.ts';

const timing = { passStart: 10_000_000, t0: 1_000, speed: 10, floor: Number.NEGATIVE_INFINITY };

describe('replay clock', () => {
  it('compresses recorded time like the playback, and never passes the wall clock', () => {
    expect(playedTime(2_000, timing, 20_000_000)).toBe(10_000_100);
    expect(playedTime(1_000_000_000, timing, 10_000_500)).toBe(10_000_500);
  });

  it('at infinite speed stamps events when they are played', () => {
    expect(playedTime(5, { ...timing, speed: Number.POSITIVE_INFINITY }, 12_345_678)).toBe(12_345_678);
  });

  it('puts nothing of a later pass before its floor', () => {
    expect(playedTime(0, { ...timing, floor: 10_000_000 }, 20_000_000)).toBe(10_000_000);
  });

  it('moves history candles by whole intervals, so they stay on their buckets and before the event', () => {
    const candle = [120_000, 1 as Ticks, 2 as Ticks, 1 as Ticks, 2 as Ticks, 3 as Lots] as const;
    const event: MarketEvent = { type: 'history', symbol: 'X', time: 180_000, interval: '1m', candles: [candle] };
    const played = rebased(event, 10_000_000);
    expect(played).toMatchObject({ time: 10_000_000, candles: [[9_900_000, 1, 2, 1, 2, 3]] });
    const trade: MarketEvent = {
      type: 'trade',
      symbol: 'X',
      time: 1,
      price: 1 as Ticks,
      size: 1 as Lots,
      aggressor: 0,
    };
    expect(rebased(trade, 5)).toEqual({ ...trade, time: 5 });
  });
});
