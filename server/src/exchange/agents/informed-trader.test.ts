import { ASK, BID, BUY, type Lots, type Ticks } from '@tickline/shared';
import { describe, expect, it } from 'vitest';
import { createExecution, MatchingEngine } from '../matching-engine.ts';
import { Rng } from '../rng.ts';
import { normalConditions, type MarketContext } from './agent.ts';
import { FairValue } from './fair-value.ts';
import { InformedTrader } from './informed-trader.ts';

function setup() {
  const engine = new MatchingEngine();
  const fair = new FairValue({ start: 10_000, volatility: 0, jumpsPerHour: 0 }, new Rng(1));
  const market: MarketContext = { engine, fair, unit: 1, typicalLots: 10, conditions: normalConditions() };
  // Looks on every step (a huge rate) so the test does not depend on when it happens to look.
  const trader = new InformedTrader(market, { rate: 1e9, edge: 0.5, maxSizeMultiple: 100 }, new Rng(2));
  return { engine, trader };
}

describe('InformedTrader', () => {
  it('takes quotes left on the wrong side of fair value, and only those', () => {
    const { engine, trader } = setup();
    engine.limit(ASK, 9_990 as Ticks, 3 as Lots, createExecution());
    engine.limit(ASK, 9_995 as Ticks, 4 as Lots, createExecution());
    engine.limit(ASK, 10_001 as Ticks, 5 as Lots, createExecution());
    engine.limit(BID, 9_980 as Ticks, 5 as Lots, createExecution());
    const out = createExecution();
    trader.act(25, 25, out);
    expect(out.fills.map((f) => [f.price, f.size, f.aggressor])).toEqual([
      [9_990, 3, BUY],
      [9_995, 4, BUY],
    ]);
    // IOC: nothing of its own is left resting.
    expect(engine.bestBid()).toBe(9_980);
    expect(engine.bestAsk()).toBe(10_001);
  });

  it('leaves a fairly priced book alone', () => {
    const { engine, trader } = setup();
    engine.limit(BID, 9_999 as Ticks, 5 as Lots, createExecution());
    engine.limit(ASK, 10_001 as Ticks, 5 as Lots, createExecution());
    const out = createExecution();
    for (let t = 25; t < 1000; t += 25) trader.act(t, 25, out);
    expect(out).toEqual({ fills: [], changes: [] });
  });
});
