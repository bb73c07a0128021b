// The latent fair value of one symbol: what the asset is "really" worth, which the agents trade around.
//
// A log-price random walk whose volatility switches between regimes (a Markov chain in continuous time), with
// occasional Poisson jumps, and a very weak pull toward the start price so a demo left running for days stays
// in a familiar range without the pull being visible minute to minute.

import type { Rng } from '../rng.ts';

export type Regime = 'calm' | 'normal' | 'volatile';

export interface FairValueParams {
  /** Starting value, in ticks (a float: fair value lives between ticks). */
  readonly start: number;
  /** Annualized volatility of log returns in the normal regime. */
  readonly volatility: number;
  /** Mean number of jumps per hour of virtual time. */
  readonly jumpsPerHour?: number;
  /** Standard deviation of one jump's log return. */
  readonly jumpVolatility?: number;
  /** Rate of the pull toward the start, per hour (0.02 = 2% of the log gap closed per hour). */
  readonly reversionPerHour?: number;
}

interface RegimeRule {
  /** Volatility multiplier. */
  readonly scale: number;
  /** Mean time spent in the regime before switching. */
  readonly meanMs: number;
  /** Where it goes when it switches: [regime, probability], summing to 1. */
  readonly next: readonly (readonly [Regime, number])[];
}

export const REGIMES: Readonly<Record<Regime, RegimeRule>> = {
  calm: {
    scale: 0.5,
    meanMs: 120_000,
    next: [
      ['normal', 0.85],
      ['volatile', 0.15],
    ],
  },
  normal: {
    scale: 1,
    meanMs: 180_000,
    next: [
      ['calm', 0.6],
      ['volatile', 0.4],
    ],
  },
  volatile: {
    scale: 2.2,
    meanMs: 30_000,
    next: [
      ['normal', 0.75],
      ['calm', 0.25],
    ],
  },
};

const MS_PER_YEAR = 365.25 * 24 * 3600 * 1000;
const MS_PER_HOUR = 3600 * 1000;

export class FairValue {
  private log: number;
  private readonly logStart: number;
  /** Log-return standard deviation per sqrt(ms) in the normal regime. */
  private readonly sigma: number;
  private readonly jumpRate: number;
  private readonly jumpVolatility: number;
  private readonly reversion: number;
  private current: Regime = 'normal';
  /** A scenario's push (rally, crash): log return still to add, spread evenly over the time left. */
  private pushLog = 0;
  private pushMs = 0;
  /** A scenario's volatility factor, and how long it lasts. */
  private volatilityFactor = 1;
  private volatilityMs = 0;
  /** exp(log), cached: read by every agent on every step. */
  value: number;

  constructor(
    params: FairValueParams,
    private readonly rng: Rng,
  ) {
    if (!(params.start > 0) || !(params.volatility >= 0)) {
      throw new RangeError(`fair value needs start > 0 and volatility >= 0, got ${params.start}, ${params.volatility}`);
    }
    this.logStart = this.log = Math.log(params.start);
    this.value = params.start;
    this.sigma = params.volatility / Math.sqrt(MS_PER_YEAR);
    this.jumpRate = (params.jumpsPerHour ?? 4) / MS_PER_HOUR;
    this.jumpVolatility = params.jumpVolatility ?? params.volatility * Math.sqrt(MS_PER_HOUR / MS_PER_YEAR) * 0.5;
    this.reversion = (params.reversionPerHour ?? 0.02) / MS_PER_HOUR;
  }

  get regime(): Regime {
    return this.current;
  }

  /** Volatility (annualized) of the current regime, with a scenario's factor. */
  get volatility(): number {
    return this.sigma * Math.sqrt(MS_PER_YEAR) * REGIMES[this.current].scale * this.volatilityFactor;
  }

  /**
   * Moves the value by `fraction` (0.05 = up 5 %, -0.05 = down 5 %) over `overMs` of virtual time, evenly in log
   * terms, on top of the random walk; at once when `overMs` is 0 (news). Replaces a push still under way.
   */
  push(fraction: number, overMs: number): void {
    if (!(fraction > -1) || !Number.isFinite(fraction))
      throw new RangeError(`a push needs a fraction above -1, got ${fraction}`);
    const logReturn = Math.log1p(fraction);
    if (!(overMs > 0)) {
      this.log += logReturn;
      this.value = Math.exp(this.log);
      this.pushLog = this.pushMs = 0;
      return;
    }
    this.pushLog = logReturn;
    this.pushMs = overMs;
  }

  /** Multiplies the random walk's volatility by `factor` for `forMs` of virtual time (a regime forced up or down). */
  scaleVolatility(factor: number, forMs: number): void {
    if (!(factor > 0) || !Number.isFinite(factor))
      throw new RangeError(`a volatility factor must be positive, got ${factor}`);
    this.volatilityFactor = factor;
    this.volatilityMs = forMs;
  }

  /** Moves the fair value forward by `dtMs` of virtual time. */
  advance(dtMs: number): void {
    if (!(dtMs > 0)) return;
    const rng = this.rng;
    const rule = REGIMES[this.current];
    let log = this.log;
    log += this.reversion * dtMs * (this.logStart - log);
    // Scenario terms draw nothing from the rng: a seeded run without scenarios is the same market as before.
    if (this.pushMs > 0) {
      const share = Math.min(1, dtMs / this.pushMs);
      log += this.pushLog * share;
      this.pushLog -= this.pushLog * share;
      this.pushMs = Math.max(0, this.pushMs - dtMs);
    }
    const factor = this.volatilityFactor;
    if (this.volatilityMs > 0) {
      this.volatilityMs -= dtMs;
      if (this.volatilityMs <= 0) this.volatilityFactor = 1;
    }
    log += rng.normal(0, this.sigma * rule.scale * factor * Math.sqrt(dtMs));
    if (rng.chance(1 - Math.exp(-this.jumpRate * dtMs))) log += rng.normal(0, this.jumpVolatility);
    this.log = log;
    this.value = Math.exp(log);
    if (rng.chance(1 - Math.exp(-dtMs / rule.meanMs))) this.current = this.pickNext(rule);
  }

  private pickNext(rule: RegimeRule): Regime {
    let u = this.rng.next();
    for (const [regime, p] of rule.next) {
      u -= p;
      if (u < 0) return regime;
    }
    return rule.next[rule.next.length - 1]?.[0] ?? this.current;
  }
}
