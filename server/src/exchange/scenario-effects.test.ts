// Scenarios carried out by the agents: the fair value is pushed or made wilder and the traders follow it, the
// makers pull back, or nobody trades; the trades and the book show it, as they would on a real exchange.

import { ASK, BID, type ResolvedScenario, type ScenarioKind } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { REGIMES } from './agents/fair-value.ts';
import { Simulation } from './simulation.ts';
import { selectSimSymbols } from './symbols.ts';

const STEP = 25;

function market(seed = 5) {
  const sim = new Simulation({ seed, symbols: selectSimSymbols(['NVDA']) });
  const m = sim.markets[0]!;
  let now = 0;
  let lastPrice = 0;
  /** Runs `ms` of virtual time; returns every trade price and the spread after each step. */
  const run = (ms: number) => {
    const prices: number[] = [];
    const spreads: number[] = [];
    let changes = 0;
    for (const end = now + ms; now < end;) {
      now += STEP;
      sim.step(now);
      for (const f of m.last.fills) prices.push((lastPrice = f.price));
      changes += m.last.changes.length;
      const bid = m.engine.bestBid();
      const ask = m.engine.bestAsk();
      if (bid !== undefined && ask !== undefined) spreads.push(ask - bid);
    }
    return { prices, spreads, changes };
  };
  const apply = (kind: ScenarioKind, size = 0, durationMs = 0) => {
    const scenario: ResolvedScenario = { symbol: 'NVDA', kind, size, durationMs };
    m.apply(scenario);
  };
  /** Size resting in the best ten levels of both sides. */
  const depth = () =>
    [...m.engine.levels(BID).slice(0, 10), ...m.engine.levels(ASK).slice(0, 10)].reduce((a, [, s]) => a + s, 0);
  run(5_000);
  return { m, run, apply, depth, last: () => lastPrice };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

describe('scenarios', () => {
  it('a crash of 5 % takes the last price down at least 5 % within 30 s', () => {
    const { run, apply, last } = market();
    const before = last();
    apply('crash', 0.05, 10_000);
    const { prices } = run(30_000);
    expect(Math.min(...prices)).toBeLessThanOrEqual(before * 0.95);
    // The market stays down there: the fall is not a blip the makers quote straight back up.
    expect(last()).toBeLessThan(before * 0.96);
  });

  it('a rally of 3 % takes it up at least 3 % within 30 s', () => {
    const { run, apply, last } = market();
    const before = last();
    apply('rally', 0.03, 10_000);
    const { prices } = run(30_000);
    expect(Math.max(...prices)).toBeGreaterThanOrEqual(before * 1.03);
  });

  it('news jumps at once: trades print 2 % away within two seconds', () => {
    const { run, apply, last } = market();
    const before = last();
    apply('news', -0.02);
    const { prices } = run(2_000);
    expect(Math.min(...prices)).toBeLessThanOrEqual(before * 0.98);
  });

  it('a halt stops every trade and book change until resume; the fair value moves on', () => {
    const { m, run, apply } = market();
    apply('halt');
    const fairBefore = m.fair.value;
    const halted = run(10_000);
    expect(halted.prices).toHaveLength(0);
    expect(halted.changes).toBe(0);
    expect(m.fair.value).not.toBe(fairBefore);
    apply('resume');
    expect(run(2_000).prices.length).toBeGreaterThan(0);
  });

  it('a halt with a duration reopens by itself', () => {
    const { run, apply } = market();
    apply('halt', 0, 3_000);
    expect(run(3_000).prices).toHaveLength(0);
    expect(run(2_000).prices.length).toBeGreaterThan(0);
  });

  it('a drought widens the spread and thins the book, and the makers come back after it', () => {
    const { run, apply, depth } = market();
    const normal = run(5_000);
    const normalDepth = depth();
    apply('drought', 0.75, 10_000);
    const dry = run(5_000);
    expect(median(dry.spreads)).toBeGreaterThanOrEqual(3 * median(normal.spreads));
    expect(depth()).toBeLessThan(normalDepth / 2);
    run(8_000);
    const after = run(5_000);
    expect(median(after.spreads)).toBeLessThanOrEqual(1.5 * median(normal.spreads));
  });

  it('a volatility regime multiplies the fair value volatility for its duration', () => {
    const { m, run, apply } = market();
    // Volatility without the regime chain's own scale, which may switch meanwhile.
    const base = () => m.fair.volatility / REGIMES[m.fair.regime].scale;
    const normal = base();
    apply('volatility', 3, 2_000);
    expect(base()).toBeCloseTo(3 * normal);
    run(1_900);
    expect(base()).toBeCloseTo(3 * normal);
    run(200);
    expect(base()).toBeCloseTo(normal);
  });
});
