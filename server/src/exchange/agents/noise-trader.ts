// Noise traders: uninformed flow that makes the tape move. Market orders on a random side, and limit orders near
// the touch that give up after a random lifetime. Sizes are heavy-tailed: mostly small, now and then a block.

import { ASK, BID, type Lots, type SideCode, type Ticks } from '@tickline/shared';
import type { Execution } from '../matching-engine.ts';
import type { Rng } from '../rng.ts';
import type { Agent, MarketContext } from './agent.ts';

export interface NoiseTraderParams {
  /** Market orders per second. */
  readonly marketRate: number;
  /** Limit orders per second. */
  readonly limitRate: number;
  /** Mean lifetime of a resting limit order before it is cancelled, ms. */
  readonly meanLifetimeMs: number;
  /** Pareto tail index of sizes (smaller = heavier tail); sizes are in multiples of the typical size. */
  readonly sizeTail: number;
  /** Largest order, in typical sizes: a cap on the tail so one order cannot empty the book. */
  readonly maxSizeMultiple: number;
  /** How far behind the touch a limit order may join, in quote units. */
  readonly maxBehind: number;
}

export class NoiseTrader implements Agent {
  /** Resting limit orders and when they expire, oldest first (parallel arrays: no object per order). */
  private readonly ids: number[] = [];
  private readonly expiries: number[] = [];

  constructor(
    private readonly market: MarketContext,
    private readonly params: NoiseTraderParams,
    private readonly rng: Rng,
  ) {}

  act(now: number, dtMs: number, out: Execution): void {
    this.expire(now, out);
    const rng = this.rng;
    const { engine } = this.market;
    for (let n = rng.poisson((this.params.marketRate * dtMs) / 1000); n > 0; n--) {
      engine.market(rng.chance(0.5) ? BID : ASK, this.size(), out);
    }
    for (let n = rng.poisson((this.params.limitRate * dtMs) / 1000); n > 0; n--) {
      this.placeLimit(now, out);
    }
  }

  /** Heavy-tailed, capped, at least one lot. */
  private size(): Lots {
    const multiple = Math.min(this.rng.pareto(this.params.sizeTail) * 0.5, this.params.maxSizeMultiple);
    return Math.max(1, Math.round(this.market.typicalLots * multiple)) as Lots;
  }

  private placeLimit(now: number, out: Execution): void {
    const { engine, fair, unit } = this.market;
    const rng = this.rng;
    const side: SideCode = rng.chance(0.5) ? BID : ASK;
    const bid = engine.bestBid();
    const ask = engine.bestAsk();
    // Join or step up to one unit inside the touch, or wait a few units behind it; never cross.
    const offset = rng.int(-1, this.params.maxBehind) * unit;
    let price: number;
    if (side === BID) {
      price = (bid ?? Math.floor(fair.value - unit)) - offset;
      if (ask !== undefined) price = Math.min(price, ask - 1);
    } else {
      price = (ask ?? Math.ceil(fair.value + unit)) + offset;
      if (bid !== undefined) price = Math.max(price, bid + 1);
    }
    if (price < 1) return;
    const result = engine.limit(side, price as Ticks, this.size(), out);
    if (result.resting === 0) return;
    // Keep the list sorted by expiry so expire() stops at the first order still alive.
    const expiry = now + rng.exponential(1 / this.params.meanLifetimeMs);
    let i = this.expiries.length;
    while (i > 0 && (this.expiries[i - 1] as number) > expiry) i--;
    this.ids.splice(i, 0, result.id);
    this.expiries.splice(i, 0, expiry);
  }

  /** Cancels the orders whose time is up; those already filled make the cancel a no-op. */
  private expire(now: number, out: Execution): void {
    let n = 0;
    while (n < this.expiries.length && (this.expiries[n] as number) <= now) {
      this.market.engine.cancel(this.ids[n] as number, out);
      n++;
    }
    if (n > 0) {
      this.ids.splice(0, n);
      this.expiries.splice(0, n);
    }
  }

  /** Limit orders it still tracks (some may have been filled meanwhile). */
  get openOrders(): number {
    return this.ids.length;
  }
}
