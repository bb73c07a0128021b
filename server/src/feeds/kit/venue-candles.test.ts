import { type Candle, type Lots, makeInstrument, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { candleFromVenue, closedInOrder, volumeLots } from './venue-candles.ts';
import { specFromIncrements } from './venue-numbers.ts';

const eth = makeInstrument(
  specFromIncrements({
    symbol: 'x:ETH',
    name: 'ETH',
    assetClass: 'crypto',
    base: 'ETH',
    quote: 'USD',
    tickSize: '0.01',
    lotSize: '0.001',
  }),
);
const c = (time: number, close = 1): Candle => [time, 1 as Ticks, 2 as Ticks, 1 as Ticks, close as Ticks, 0 as Lots];

describe('venue candles', () => {
  it('reads a row exactly, and refuses one whose high and low do not bound it', () => {
    const row = { time: 60_000, open: '3150.01', high: '3151', low: '3149.5', close: '3150.5', volume: '1.5' };
    expect(candleFromVenue(eth, row)).toEqual([60_000, 315_001, 315_100, 314_950, 315_050, 1500]);
    expect(() => candleFromVenue(eth, { ...row, high: '3150' })).toThrow(RangeError);
  });

  it('rounds a volume off the lot grid to the nearest lot, and refuses one that is not a number', () => {
    expect(volumeLots(eth, '1.0004')).toBe(1000);
    expect(() => volumeLots(eth, 'lots')).toThrow(RangeError);
  });

  it('keeps closed candles only, oldest first, the later of two rows for one time', () => {
    expect(closedInOrder([c(120_000), c(0), c(60_000, 1), c(60_000, 2)], 60_000, 179_999)).toEqual([
      c(0),
      c(60_000, 2),
    ]);
  });
});
