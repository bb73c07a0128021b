// The whole simulated exchange: one SymbolMarket per symbol, all driven by one virtual clock from one seed.

import { Rng } from './rng.ts';
import { SymbolMarket } from './symbol-market.ts';
import { SIM_SYMBOLS, type SimSymbol } from './symbols.ts';

export interface SimulationOptions {
  /** Same seed, same step times: same market. */
  readonly seed: number;
  /** Symbols to simulate; the whole default catalogue when omitted. */
  readonly symbols?: readonly SimSymbol[];
  /** Multiplies every agent's activity. Default 1. */
  readonly rate?: number;
  /** Virtual time run before time 0 so the book has depth and history when it is first shown. Default 20 s. */
  readonly warmUpMs?: number;
}

/** The warm-up's step: coarser than live steps, since nobody watches it. */
const WARM_UP_STEP_MS = 100;

export class Simulation {
  readonly markets: readonly SymbolMarket[];

  /** Builds the markets and runs the warm-up; the simulation then stands at virtual time 0. */
  constructor(options: SimulationOptions) {
    const root = new Rng(options.seed);
    const rate = options.rate ?? 1;
    // Each symbol draws from its own stream, so adding a symbol never changes another symbol's market.
    this.markets = (options.symbols ?? SIM_SYMBOLS).map(
      (s) => new SymbolMarket(s, root.child(s.spec.symbol), { rate }),
    );
    const warmUp = options.warmUpMs ?? 20_000;
    for (let t = -warmUp; t < 0; t += WARM_UP_STEP_MS) this.step(t);
    this.step(0);
  }

  /** Advances every market to virtual time `now` (ms); each market's `last` then holds what it did. */
  step(now: number): readonly SymbolMarket[] {
    for (const market of this.markets) market.step(now);
    return this.markets;
  }
}
