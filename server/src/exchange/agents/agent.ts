// What every simulated participant sees and does: one shared view of its symbol's market, one act per step.

import type { FairValue } from './fair-value.ts';
import type { Execution, MatchingEngine } from '../matching-engine.ts';

/** One symbol's market as its agents see it. */
export interface MarketContext {
  readonly engine: MatchingEngine;
  readonly fair: FairValue;
  /**
   * Ticks per quote unit: the price granularity agents think in. It is one tick unless the tick is tiny next to
   * the symbol's volatility (BTC's cent on 64 000), where quoting tick by tick would churn the book for nothing.
   */
  readonly unit: number;
  /** A typical order size, in lots. */
  readonly typicalLots: number;
  /** What a scenario has done to liquidity: the makers read it on every requote. */
  readonly conditions: MarketConditions;
}

/** Liquidity as a scenario sets it (a drought widens and thins the makers' quotes); 1 and 1 when normal. */
export interface MarketConditions {
  /** Multiplies every maker's distance from the fair value. */
  spreadFactor: number;
  /** Multiplies every maker's quote size. */
  sizeFactor: number;
  /** Changes with every change of the above, so the makers requote at once. */
  version: number;
}

export function normalConditions(): MarketConditions {
  return { spreadFactor: 1, sizeFactor: 1, version: 0 };
}

export interface Agent {
  /** Acts for the virtual interval ending at `now` (ms), `dtMs` long; appends what happened to `out`. */
  act(now: number, dtMs: number, out: Execution): void;
}

/** Probability that an event with `ratePerSecond` happens at least once in `dtMs`. */
export function chanceIn(ratePerSecond: number, dtMs: number): number {
  return 1 - Math.exp((-ratePerSecond * dtMs) / 1000);
}
