// The sim feed without its timer: turns simulation steps into normalized MarketEvents. The feed calls it from
// setInterval; tests and the determinism check call it in a plain loop.

import { ASK, BID, type ResolvedScenario, type SymbolSpec, type Ticks } from '@tickline/shared';
import { Rng } from '../../exchange/rng.ts';
import { Simulation } from '../../exchange/simulation.ts';
import type { SymbolMarket } from '../../exchange/symbol-market.ts';
import { selectSimSymbols } from '../../exchange/symbols.ts';
import type { MarketEvent, MarketEventSink } from '../feed.ts';
import { LevelCoalescer } from './level-coalescer.ts';
import { syntheticHistory } from './synthetic-history.ts';

export interface SimSessionOptions {
  /** Same seed, same market. Any safe integer. */
  readonly seed: number;
  /** Catalogue symbols to run, by name; all of them when omitted. */
  readonly symbols?: readonly string[];
  /** Activity multiplier. Default 1. */
  readonly rate?: number;
  /** Virtual time per step, ms. Default 25. */
  readonly stepMs?: number;
}

export const DEFAULT_STEP_MS = 25;

export interface SimSession {
  readonly specs: readonly SymbolSpec[];
  readonly stepMs: number;
  /** Steps run so far. */
  readonly steps: number;
  /** Emits one full-depth `book:snapshot` per symbol, stamped `time`. */
  snapshot(time: number, sink: MarketEventSink): void;
  /** Runs one step (stepMs of virtual time) and emits what happened, stamped `time`: trades, then one delta. */
  step(time: number, sink: MarketEventSink): void;
  /**
   * Emits generated candles that end where the market stands now: per symbol, `length.minutes` 1m candles and
   * 1s candles for the last `length.tailSeconds`, the last of them closing at `end` (a whole minute) at the
   * market's current price. Same seed, same candles.
   */
  backfill(end: number, length: BackfillLength, sink: MarketEventSink): void;
  /**
   * Carries out a scenario from the next step on (SymbolMarket.apply); a halt or a reopening is announced by a
   * `status` event at that step. Throws RangeError for a symbol the session does not run.
   */
  scenario(scenario: ResolvedScenario): void;
}

export interface BackfillLength {
  readonly minutes: number;
  readonly tailSeconds: number;
}

/** Two days of minutes and the last hour in seconds: enough for every chart interval to open with a past. */
export const DEFAULT_BACKFILL: BackfillLength = { minutes: 2 * 24 * 60, tailSeconds: 3600 };

/** Typical-size trades a second of one symbol at activity 1: what the agents trade, measured over a few minutes. */
const TRADES_PER_SECOND = 6;

/** Where the market stands: the middle of its touch, or its fair value when a side is empty. */
export function marketPrice(m: SymbolMarket): Ticks {
  const bid = m.engine.bestBid();
  const ask = m.engine.bestAsk();
  if (bid !== undefined && ask !== undefined) return Math.round((bid + ask) / 2) as Ticks;
  return Math.max(1, Math.round(m.fair.value)) as Ticks;
}

/** The options with defaults applied; throws, naming the culprit, on an unknown symbol or a bad number. */
export function resolveSimOptions(options: SimSessionOptions) {
  const { seed, rate = 1, stepMs = DEFAULT_STEP_MS } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`sim seed must be an integer, got ${seed}`);
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`sim rate must be a positive number, got ${rate}`);
  if (!(stepMs > 0) || !Number.isFinite(stepMs))
    throw new RangeError(`sim stepMs must be a positive number, got ${stepMs}`);
  return { seed, rate, stepMs, symbols: selectSimSymbols(options.symbols) };
}

/** Builds the simulation, warm-up included. */
export function createSimSession(options: SimSessionOptions): SimSession {
  const { seed, rate, stepMs, symbols } = resolveSimOptions(options);
  const historyRng = new Rng(seed).child('synthetic-history');
  const sim = new Simulation({ seed, symbols, rate });
  const coalescer = new LevelCoalescer();
  const bySymbol = new Map(sim.markets.map((m) => [m.spec.symbol, m]));
  /** Whether each market's clients were last told it is halted. */
  const haltShown = new Map<SymbolMarket, boolean>();
  let steps = 0;
  return {
    specs: symbols.map((s) => s.spec),
    stepMs,
    get steps() {
      return steps;
    },
    snapshot(time, sink) {
      for (const m of sim.markets) {
        sink({
          type: 'book:snapshot',
          symbol: m.spec.symbol,
          time,
          bids: m.engine.levels(BID),
          asks: m.engine.levels(ASK),
        });
      }
    },
    step(time, sink) {
      steps++;
      for (const m of sim.step(steps * stepMs)) {
        const symbol = m.spec.symbol;
        if (m.halted !== (haltShown.get(m) ?? false)) {
          haltShown.set(m, m.halted);
          sink({ type: 'status', symbol, time, status: m.halted ? 'halted' : 'live' });
        }
        for (const f of m.last.fills) {
          sink({ type: 'trade', symbol, time, price: f.price, size: f.size, aggressor: f.aggressor });
        }
        if (m.last.changes.length > 0) {
          sink({ type: 'book:delta', symbol, time, updates: coalescer.coalesce(m.last.changes) });
        }
      }
    },
    scenario(scenario) {
      const market = bySymbol.get(scenario.symbol);
      if (!market) throw new RangeError(`the simulator does not run ${scenario.symbol}`);
      market.apply(scenario);
    },
    backfill(end, length, sink) {
      sim.markets.forEach((m, i) => {
        const params = symbols[i];
        if (!params) return;
        const symbol = m.spec.symbol;
        const { minutes, seconds } = syntheticHistory(
          {
            end,
            endPrice: marketPrice(m),
            volatility: params.volatility,
            typicalLots: Math.max(1, m.instrument.toLots(params.typicalSize)),
            tradesPerSecond: TRADES_PER_SECOND * rate,
            ...length,
          },
          historyRng.child(symbol),
        );
        sink({ type: 'history', symbol, time: end, interval: '1m', candles: minutes });
        if (seconds.length > 0) sink({ type: 'history', symbol, time: end, interval: '1s', candles: seconds });
      });
    },
  };
}

/** Warms up, snapshots and runs `steps` steps with no timer; events are stamped from `startTime`. */
export function runSimSteps(options: SimSessionOptions, steps: number, startTime = 0): MarketEvent[] {
  const session = createSimSession(options);
  const events: MarketEvent[] = [];
  const sink = (e: MarketEvent) => {
    events.push(e);
  };
  session.snapshot(startTime, sink);
  for (let i = 1; i <= steps; i++) session.step(startTime + i * session.stepMs, sink);
  return events;
}
