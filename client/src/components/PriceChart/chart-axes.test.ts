import { makeInstrument } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { BTC, candle, EURUSD, T0 } from '../../test-support/fixtures.ts';
import { holdAxis, priceAxis, priceRange, timeTicks, volumeAxis } from './chart-axes.ts';
import { toChartPoints } from './chart-points.ts';

const btc = makeInstrument(BTC);
const eur = makeInstrument(EURUSD);

describe('chart axes', () => {
  it('spans every price on round steps that contain the whole range', () => {
    const points = toChartPoints([candle(T0, 108_200, 108_260, 108_140, 108_230, 1)], eur);
    const { domain, ticks } = priceAxis(priceRange(points), 0.00001);
    expect(domain[0]).toBeLessThan(1.0814);
    expect(domain[1]).toBeGreaterThan(1.0826);
    const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
    expect(step).toBeCloseTo(0.0005, 10);
    for (const t of ticks) expect(Math.abs(t / step - Math.round(t / step))).toBeLessThan(1e-6);
  });

  it('gives a flat market a visible range of at least a few ticks', () => {
    const points = toChartPoints([candle(T0, 100, 100, 100, 100, 1)], btc);
    const { domain } = priceAxis(priceRange(points), 0.01);
    expect(domain[0]).toBeLessThan(1);
    expect(domain[1]).toBeGreaterThan(1);
    expect(domain[1] - domain[0]).toBeGreaterThanOrEqual(0.1);
  });

  it('runs the volume axis from zero to a round value at or above the largest volume', () => {
    expect(volumeAxis(1.25)).toEqual({ domain: [0, 2], ticks: [0, 1, 2] });
    expect(volumeAxis(3_400)).toEqual({ domain: [0, 5_000], ticks: [0, 2_500, 5_000] });
    expect(volumeAxis(0).domain[1]).toBeGreaterThan(0);
  });

  it('keeps the drawn axis while the prices stay inside it', () => {
    const held = priceAxis({ low: 100, high: 110 }, 0.01);
    // A new high inside the drawn range would give a slightly different fresh axis; the drawn one stays.
    const high = held.domain[1] - 0.01;
    expect(priceAxis({ low: 100, high }, 0.01)).not.toEqual(held);
    expect(holdAxis(held, priceAxis({ low: 100, high }, 0.01), 100, high)).toBe(held);
  });

  it('moves the axis when a price leaves it or when it has become more than twice too tall', () => {
    const held = priceAxis({ low: 100, high: 110 }, 0.01);
    const above = priceAxis({ low: 100, high: 130 }, 0.01);
    expect(holdAxis(held, above, 100, 130)).toBe(above);
    const narrow = priceAxis({ low: 104, high: 105 }, 0.01);
    expect(holdAxis(held, narrow, 104, 105)).toBe(narrow);
  });

  it('returns the drawn axis, not an equal copy, when nothing would change', () => {
    const held = volumeAxis(0.9);
    expect(holdAxis(held, volumeAxis(0.9), 0, 0.9)).toBe(held);
    expect(holdAxis(undefined, held, 0, 0.9)).toBe(held);
  });

  it('labels the time axis on round times, far enough apart to read', () => {
    const start = Date.UTC(2025, 0, 2, 3, 0, 0);
    const times = Array.from({ length: 120 }, (_, i) => start + i * 5_000);
    // 120 five-second candles on 600 px: 5 px a candle, so 100 px apart needs 20 candles, 100 s: labels each 2 min.
    const ticks = timeTicks(times, 5_000, 600, 100);
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) expect(t % 120_000).toBe(0);
    for (let i = 1; i < ticks.length; i++) expect((ticks[i] ?? 0) - (ticks[i - 1] ?? 0)).toBe(120_000);
    const minutes = Array.from({ length: 120 }, (_, i) => start + i * 60_000);
    const hourly = timeTicks(minutes, 60_000, 600, 100);
    expect(hourly.length).toBeGreaterThan(1);
    for (const t of hourly) expect(t % 1_800_000).toBe(0);
    expect(timeTicks([], 5_000, 600, 100)).toEqual([]);
  });
});
