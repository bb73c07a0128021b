// The informed trader: knows the fair value and takes quotes left on the wrong side of it. It is what ties the
// last trade price to fair value when makers are slow, the way arbitrageurs tie a venue to the wider market.

import { ASK, BID, type Lots, type Ticks } from '@tickline/shared';
import type { Execution } from '../matching-engine.ts';
import type { Rng } from '../rng.ts';
import { chanceIn, type Agent, type MarketContext } from './agent.ts';

export interface InformedTraderParams {
  /** Looks per second. */
  readonly rate: number;
  /** Mispricing, in quote units beyond fair value, worth taking. */
  readonly edge: number;
  /** Most it takes in one look, in typical sizes. */
  readonly maxSizeMultiple: number;
}

export class InformedTrader implements Agent {
  constructor(
    private readonly market: MarketContext,
    private readonly params: InformedTraderParams,
    private readonly rng: Rng,
  ) {}

  act(_now: number, dtMs: number, out: Execution): void {
    if (!this.rng.chance(chanceIn(this.params.rate, dtMs))) return;
    const { engine, fair, unit, typicalLots } = this.market;
    const edge = this.params.edge * unit;
    const size = Math.max(1, Math.round(typicalLots * this.params.maxSizeMultiple * this.rng.uniform(0.5, 1))) as Lots;
    const ask = engine.bestAsk();
    const bid = engine.bestBid();
    // IOC at the edge: it takes every cheap quote up to its size and leaves nothing behind.
    if (ask !== undefined && ask < fair.value - edge) {
      engine.limit(BID, Math.floor(fair.value - edge) as Ticks, size, out, 'ioc');
    } else if (bid !== undefined && bid > fair.value + edge) {
      engine.limit(ASK, Math.ceil(fair.value + edge) as Ticks, size, out, 'ioc');
    }
  }
}
