import { ASK, BID, type Lots, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { createExecution, MatchingEngine } from '../matching-engine.ts';
import { Rng } from '../rng.ts';
import { normalConditions, type MarketContext } from './agent.ts';
import { FairValue } from './fair-value.ts';
import { NoiseTrader, type NoiseTraderParams } from './noise-trader.ts';

const PARAMS: NoiseTraderParams = {
  marketRate: 0,
  limitRate: 20,
  meanLifetimeMs: 500,
  sizeTail: 1.7,
  maxSizeMultiple: 25,
  maxBehind: 5,
};

function setup(params: NoiseTraderParams) {
  const engine = new MatchingEngine();
  const fair = new FairValue({ start: 10_000, volatility: 0, jumpsPerHour: 0 }, new Rng(1));
  const market: MarketContext = { engine, fair, unit: 1, typicalLots: 10, conditions: normalConditions() };
  return { engine, trader: new NoiseTrader(market, params, new Rng(3)) };
}

describe('NoiseTrader', () => {
  it('rests limit orders near the touch without crossing, and cancels them when their time is up', () => {
    const { engine, trader } = setup(PARAMS);
    const out = createExecution();
    let peak = 0;
    for (let t = 25; t <= 60_000; t += 25) {
      trader.act(t, 25, out);
      peak = Math.max(peak, engine.orderCount);
      const bid = engine.bestBid();
      const ask = engine.bestAsk();
      if (bid !== undefined && ask !== undefined) expect(bid).toBeLessThan(ask);
    }
    expect(out.fills).toEqual([]);
    // About rate x lifetime = 10 orders alive at a time; a leak would grow toward 1200.
    expect(peak).toBeLessThan(40);
    expect(trader.openOrders).toBe(engine.orderCount);
    const prices = [...engine.levels(BID), ...engine.levels(ASK)].map(([p]) => p);
    for (const p of prices) expect(Math.abs(p - 10_000)).toBeLessThan(30);
  });

  it('sends market orders with heavy-tailed sizes', () => {
    const { engine, trader } = setup({ ...PARAMS, marketRate: 200, limitRate: 0 });
    // A deep wall on each side to absorb every order, so fills show the sizes sent.
    engine.limit(BID, 9_000 as Ticks, 1e9 as Lots, createExecution());
    engine.limit(ASK, 11_000 as Ticks, 1e9 as Lots, createExecution());
    const out = createExecution();
    for (let t = 25; t <= 10_000; t += 25) trader.act(t, 25, out);
    const sizes = out.fills.map((f) => f.size as number).sort((a, b) => a - b);
    expect(sizes.length).toBeGreaterThan(1500);
    const median = sizes[Math.floor(sizes.length / 2)] as number;
    expect(median).toBeLessThan(15);
    expect(sizes[sizes.length - 1]).toBeGreaterThan(median * 10);
    expect(new Set(out.fills.map((f) => f.aggressor))).toEqual(new Set([0, 1]));
  });
});
