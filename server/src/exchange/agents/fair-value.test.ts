import { describe, expect, it } from 'vitest';
import { Rng } from '../rng.ts';
import { FairValue, type Regime } from './fair-value.ts';

const HOUR = 3_600_000;

describe('FairValue', () => {
  it('is deterministic for a seed', () => {
    const run = () => {
      const fv = new FairValue({ start: 10_000, volatility: 0.5 }, new Rng(9));
      return Array.from({ length: 500 }, () => (fv.advance(25), fv.value));
    };
    expect(run()).toEqual(run());
  });

  it('stays put with no volatility and no jumps', () => {
    const fv = new FairValue({ start: 5000, volatility: 0, jumpsPerHour: 0 }, new Rng(1));
    for (let i = 0; i < 1000; i++) fv.advance(100);
    expect(fv.value).toBeCloseTo(5000, 9);
  });

  it('moves with roughly the volatility it was given', () => {
    const fv = new FairValue({ start: 10_000, volatility: 0.5, jumpsPerHour: 0 }, new Rng(4));
    let sumSq = 0;
    let prev = Math.log(fv.value);
    const steps = 4 * 3600;
    for (let i = 0; i < steps; i++) {
      fv.advance(1000);
      const log = Math.log(fv.value);
      sumSq += (log - prev) ** 2;
      prev = log;
    }
    const annualized = Math.sqrt((sumSq / steps) * 365.25 * 24 * 3600);
    // Regimes scale volatility between 0.5x and 2.2x; the mix over hours lands in between.
    expect(annualized).toBeGreaterThan(0.25);
    expect(annualized).toBeLessThan(1.1);
  });

  it('visits every regime over a day and stays positive and near its start', () => {
    const fv = new FairValue({ start: 15_000, volatility: 0.8 }, new Rng(21));
    const seen = new Set<Regime>();
    let low = Infinity;
    for (let t = 0; t < 24 * HOUR; t += 1000) {
      fv.advance(1000);
      seen.add(fv.regime);
      low = Math.min(low, fv.value);
    }
    expect(low).toBeGreaterThan(0);
    expect(seen).toEqual(new Set(['calm', 'normal', 'volatile']));
    expect(fv.value).toBeGreaterThan(15_000 * 0.7);
    expect(fv.value).toBeLessThan(15_000 / 0.7);
  });

  it('jumps: with jumps only, the value moves in discrete steps', () => {
    const fv = new FairValue(
      { start: 1000, volatility: 0, jumpsPerHour: 60, jumpVolatility: 0.01, reversionPerHour: 0 },
      new Rng(2),
    );
    let moves = 0;
    let prev = fv.value;
    for (let t = 0; t < HOUR; t += 1000) {
      fv.advance(1000);
      if (Math.abs(fv.value - prev) > 1e-6) moves++;
      prev = fv.value;
    }
    expect(moves).toBeGreaterThan(30);
    expect(moves).toBeLessThan(100);
  });
});
