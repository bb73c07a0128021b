import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, candle, T0 } from '../../test-support/fixtures.ts';
import { toChartPoints } from './chart-points.ts';

const btc = makeInstrument(BTC);

describe('chart points', () => {
  it('turns ticks and lots into plotted values and marks rising candles', () => {
    const [point] = toChartPoints([candle(T0, 6_425_000, 6_425_100, 6_424_900, 6_424_950, 12_500)], btc);
    expect(point).toEqual({
      time: T0,
      open: 64250,
      high: 64251,
      low: 64249,
      close: 64249.5,
      volume: 1.25,
      range: [64249, 64251],
      up: false,
    });
  });
});
