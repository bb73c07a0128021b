// One symbol's simulated market: its matching engine, its fair value and the agents that trade it, driven by
// virtual time. Same seed and same step times give the same fills and level changes, bit for bit.

import { makeInstrument, type Instrument, type SymbolSpec, type Ticks } from '@tickline/shared';
import type { ResolvedScenario } from '@tickline/shared';
import { normalConditions, type Agent, type MarketConditions, type MarketContext } from './agents/agent.ts';
import { FairValue } from './agents/fair-value.ts';
import { InformedTrader } from './agents/informed-trader.ts';
import { MarketMaker, type MarketMakerParams } from './agents/market-maker.ts';
import { NoiseTrader } from './agents/noise-trader.ts';
import { clearExecution, createExecution, MatchingEngine, type Execution } from './matching-engine.ts';
import type { Rng } from './rng.ts';
import type { SimSymbol } from './symbols.ts';

const SECONDS_PER_YEAR = 365.25 * 24 * 3600;

/**
 * Ticks per quote unit: a quarter of the fair value's typical move in one second, at least a tick. Most symbols
 * get 1; BTC, whose cent tick is 0.16 bp of its price, would otherwise need its whole ladder rebuilt every step.
 */
export function quoteUnit(startTicks: number, volatility: number): number {
  return Math.max(1, Math.round((startTicks * volatility * 0.25) / Math.sqrt(SECONDS_PER_YEAR)));
}

/** The makers of every symbol, in quote units and typical sizes: a tight inner maker down to a deep slow one. */
const MAKERS: readonly Omit<MarketMakerParams, 'size' | 'maxInventory'>[] = [
  { levels: 5, halfSpread: 1, spacing: 1, reviewRate: 5, trigger: 1, tolerance: 0.6, resize: 1 },
  { levels: 7, halfSpread: 1.5, spacing: 2, reviewRate: 3, trigger: 1.5, tolerance: 0.6, resize: 1 },
  { levels: 9, halfSpread: 2, spacing: 3, reviewRate: 1.5, trigger: 2.5, tolerance: 0.6, resize: 1 },
  { levels: 10, halfSpread: 4, spacing: 4, reviewRate: 0.6, trigger: 4, tolerance: 0.6, resize: 1 },
];
const MAKER_SIZES = [1, 2, 3, 5];

export interface SymbolMarketOptions {
  /** Multiplies every agent's activity (not the fair value's motion). */
  readonly rate?: number;
}

export class SymbolMarket {
  readonly spec: SymbolSpec;
  readonly instrument: Instrument;
  readonly engine = new MatchingEngine();
  readonly fair: FairValue;
  readonly unit: number;
  private readonly agents: Agent[] = [];
  /** What the last step did; cleared and refilled by every step, so read it before the next. */
  readonly last: Execution = createExecution();
  private time: number | undefined;
  /** Liquidity as scenarios leave it (a drought); the makers read it. */
  readonly conditions: MarketConditions = normalConditions();
  /** Virtual time a drought ends, and a halt reopens by itself. */
  private droughtEndsAt = Number.POSITIVE_INFINITY;
  private haltEndsAt = Number.POSITIVE_INFINITY;
  /** Halted, no agent acts and the book stands still; the fair value moves on, so trading may reopen with a gap. */
  halted = false;

  constructor(symbol: SimSymbol, rng: Rng, options: SymbolMarketOptions = {}) {
    const rate = options.rate ?? 1;
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a positive number, got ${rate}`);
    this.spec = symbol.spec;
    this.instrument = makeInstrument(symbol.spec);
    const start = symbol.startPrice / this.instrument.priceValue(1 as Ticks);
    this.unit = quoteUnit(start, symbol.volatility);
    this.fair = new FairValue({ start, volatility: symbol.volatility }, rng.child('fair-value'));
    const typicalLots = Math.max(1, this.instrument.toLots(symbol.typicalSize));
    const market: MarketContext = {
      engine: this.engine,
      fair: this.fair,
      unit: this.unit,
      typicalLots,
      conditions: this.conditions,
    };
    MAKERS.forEach((m, i) => {
      const size = typicalLots * (MAKER_SIZES[i] ?? 1);
      const params = { ...m, size, maxInventory: size * 20, reviewRate: m.reviewRate * rate };
      this.agents.push(new MarketMaker(market, params, rng.child(`maker-${i}`)));
    });
    this.agents.push(
      new NoiseTrader(
        market,
        {
          marketRate: 3 * rate,
          limitRate: 12 * rate,
          meanLifetimeMs: 3000,
          sizeTail: 1.7,
          maxSizeMultiple: 25,
          maxBehind: 5,
        },
        rng.child('noise'),
      ),
      new InformedTrader(market, { rate: 3 * rate, edge: 0.5, maxSizeMultiple: 3 }, rng.child('informed')),
    );
  }

  /** Virtual time of the last step, ms; undefined before the first. */
  get now(): number | undefined {
    return this.time;
  }

  /** Advances to virtual time `now` (ms) and lets every agent act once; returns `last`. */
  step(now: number): Execution {
    const out = this.last;
    clearExecution(out);
    const dt = this.time === undefined ? 0 : now - this.time;
    if (this.time !== undefined && !(dt > 0)) return out;
    this.time = now;
    if (now >= this.droughtEndsAt) this.setLiquidity(1, 1, Number.POSITIVE_INFINITY);
    if (now >= this.haltEndsAt) this.setHalted(false, Number.POSITIVE_INFINITY);
    this.fair.advance(dt);
    if (this.halted) return out;
    for (const agent of this.agents) agent.act(now, dt, out);
    return out;
  }

  /**
   * Carries out a scenario from the next step on, through the agents: the fair value is pushed (rally, crash,
   * news) or made wilder or calmer (volatility) and the traders follow it; the makers pull back (drought); or
   * nobody trades (halt) until resume. Durations run in virtual time from the last step.
   */
  apply(scenario: ResolvedScenario): void {
    const now = this.time ?? 0;
    const until = (ms: number) => (ms > 0 ? now + ms : Number.POSITIVE_INFINITY);
    switch (scenario.kind) {
      case 'rally':
        this.fair.push(scenario.size, scenario.durationMs);
        break;
      case 'crash':
        this.fair.push(-scenario.size, scenario.durationMs);
        break;
      case 'news':
        this.fair.push(scenario.size, 0);
        break;
      case 'volatility':
        this.fair.scaleVolatility(scenario.size, scenario.durationMs);
        break;
      case 'drought':
        this.setLiquidity(1 / (1 - scenario.size), 1 - scenario.size, until(scenario.durationMs));
        break;
      case 'halt':
        this.setHalted(true, until(scenario.durationMs));
        break;
      case 'resume':
        this.setHalted(false, Number.POSITIVE_INFINITY);
        break;
    }
  }

  private setLiquidity(spreadFactor: number, sizeFactor: number, endsAt: number): void {
    this.conditions.spreadFactor = spreadFactor;
    this.conditions.sizeFactor = sizeFactor;
    this.conditions.version++;
    this.droughtEndsAt = endsAt;
  }

  private setHalted(halted: boolean, endsAt: number): void {
    this.halted = halted;
    this.haltEndsAt = endsAt;
  }
}
