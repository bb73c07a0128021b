import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, candle, EURUSD, T0 } from '../../test-support/fixtures.ts';
import { priceAxis, toChartPoints } from './chart-points.ts';

const btc = makeInstrument(BTC);
const eur = makeInstrument(EURUSD);

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

  it('spans every price on round steps that contain the whole range', () => {
    const points = toChartPoints([candle(T0, 108_200, 108_260, 108_140, 108_230, 1)], eur);
    const { domain, ticks } = priceAxis(points, 0.00001);
    expect(domain[0]).toBeLessThan(1.0814);
    expect(domain[1]).toBeGreaterThan(1.0826);
    const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
    expect(step).toBeCloseTo(0.0005, 10);
    for (const t of ticks) expect(Math.abs(t / step - Math.round(t / step))).toBeLessThan(1e-6);
  });

  it('gives a flat market a visible range of at least a few ticks', () => {
    const points = toChartPoints([candle(T0, 100, 100, 100, 100, 1)], btc);
    const { domain } = priceAxis(points, 0.01);
    expect(domain[0]).toBeLessThan(1);
    expect(domain[1]).toBeGreaterThan(1);
    expect(domain[1] - domain[0]).toBeGreaterThanOrEqual(0.1);
  });
});
