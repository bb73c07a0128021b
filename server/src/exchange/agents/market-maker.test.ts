import { ASK, BID, type Lots, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { createExecution, MatchingEngine } from '../matching-engine.ts';
import { Rng } from '../rng.ts';
import { normalConditions, type MarketContext } from './agent.ts';
import { FairValue } from './fair-value.ts';
import { MarketMaker, type MarketMakerParams } from './market-maker.ts';

const PARAMS: MarketMakerParams = {
  levels: 5,
  halfSpread: 1,
  spacing: 1,
  size: 10,
  reviewRate: 0,
  trigger: 1,
  tolerance: 0.6,
  maxInventory: 100,
  resize: 0,
};

function setup(start = 10_000) {
  const engine = new MatchingEngine();
  const fair = new FairValue({ start, volatility: 0, jumpsPerHour: 0 }, new Rng(1));
  const market: MarketContext = { engine, fair, unit: 1, typicalLots: 10, conditions: normalConditions() };
  const maker = new MarketMaker(market, PARAMS, new Rng(2));
  return { engine, maker };
}

describe('MarketMaker', () => {
  it('quotes a ladder on both sides of fair value', () => {
    const { engine, maker } = setup();
    maker.act(0, 0, createExecution());
    expect(engine.levels(BID).map(([p]) => p)).toEqual([9999, 9998, 9997, 9996, 9995]);
    expect(engine.levels(ASK).map(([p]) => p)).toEqual([10001, 10002, 10003, 10004, 10005]);
  });

  it('books its fills as inventory and skews its quotes against it', () => {
    const { engine, maker } = setup();
    maker.act(0, 0, createExecution());
    const out = createExecution();
    engine.market(BID, 50 as Lots, out);
    const sold = out.fills.reduce((sum, f) => sum + f.size, 0);
    maker.act(25, 25, createExecution());
    expect(maker.position).toBe(-sold);
    // Short, it leans its asks up: the inner ask is now further from fair value than before.
    expect(engine.bestAsk()).toBeGreaterThan(10_001);
  });

  it('never prices through the opposite touch, so it never trades on arrival', () => {
    const { engine, maker } = setup();
    engine.limit(ASK, 9990 as Ticks, 5 as Lots, createExecution());
    const out = createExecution();
    maker.act(0, 0, out);
    expect(out.fills).toEqual([]);
    expect(engine.bestBid()).toBeLessThan(9990);
  });

  it('leaves quotes alone while fair value is still', () => {
    const { engine, maker } = setup();
    maker.act(0, 0, createExecution());
    const out = createExecution();
    for (let t = 25; t < 5000; t += 25) maker.act(t, 25, out);
    expect(out.changes).toEqual([]);
    expect(engine.depth(BID)).toBe(5);
  });
});
