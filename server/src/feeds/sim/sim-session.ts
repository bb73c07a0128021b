// The sim feed without its timer: turns simulation steps into normalized MarketEvents. The feed calls it from
// setInterval; tests and the determinism check call it in a plain loop.

import {
  ASK,
  BID,
  type Lots,
  markPrice,
  type OrderSide,
  type ResolvedScenario,
  type SymbolSpec,
  type Ticks,
} from '@tickline/shared';
import { clearExecution, createExecution, type Execution } from '../../exchange/matching-engine.ts';
import {
  type PaperVenue,
  postOnlyCrosses,
  type SweptLevel,
  sweepLevels,
  type VenueFill,
  type VenueFillListener,
  type VenueOrder,
  type VenuePlacement,
} from '../../paper/venue.ts';
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
  /**
   * Paper trading: an order into the symbol's matching engine now, as a real order among the agents' (it moves the
   * book and its trades print); its trades and book changes are emitted into `sink`, stamped `time`.
   */
  placeOrder(order: VenueOrder, time: number, sink: MarketEventSink): VenuePlacement;
  /** Takes a paper order out of the book (its level change emitted); the lots it still had. */
  cancelOrder(symbol: string, id: number, time: number, sink: MarketEventSink): Lots;
  /** What a paper order would take from the book now (see PaperVenue.sweep). */
  sweep(symbol: string, side: OrderSide, size: Lots, limit?: Ticks): SweptLevel[];
  mark(symbol: string): Ticks | undefined;
  halted(symbol: string): boolean;
  /** Told of every later fill of a resting paper order, whoever traded with it. */
  onPaperFill(listener: VenueFillListener): void;
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
  /** The paper orders resting in each market's engine, by engine id. */
  const paperOrders = new Map<SymbolMarket, Set<number>>();
  let paperFill: VenueFillListener = () => {};
  const paperExecution: Execution = createExecution();

  /** Tells the desk of fills whose resting side was a paper order; forgets orders filled in full. */
  const reportPaperMakers = (m: SymbolMarket, out: Execution): void => {
    const ids = paperOrders.get(m);
    if (!ids || ids.size === 0) return;
    for (const f of out.fills) {
      if (!ids.has(f.makerId)) continue;
      if (m.engine.remaining(f.makerId) === 0) ids.delete(f.makerId);
      paperFill(m.spec.symbol, f.makerId, { price: f.price, size: f.size, liquidity: 'maker', printed: true });
    }
  };
  const emitExecution = (m: SymbolMarket, out: Execution, time: number, sink: MarketEventSink): void => {
    const symbol = m.spec.symbol;
    for (const f of out.fills) {
      sink({ type: 'trade', symbol, time, price: f.price, size: f.size, aggressor: f.aggressor });
    }
    if (out.changes.length > 0) sink({ type: 'book:delta', symbol, time, updates: coalescer.coalesce(out.changes) });
  };
  const marketOf = (symbol: string): SymbolMarket => {
    const market = bySymbol.get(symbol);
    if (!market) throw new RangeError(`the simulator does not run ${symbol}`);
    return market;
  };
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
        emitExecution(m, m.last, time, sink);
        reportPaperMakers(m, m.last);
      }
    },
    placeOrder(order, time, sink) {
      const m = marketOf(order.symbol);
      if (m.halted) return { ok: false, code: 'market_halted', message: `${order.symbol} is halted` };
      const side = order.side === 'buy' ? BID : ASK;
      if (order.tif === 'post_only' && order.price !== undefined) {
        const crosses = postOnlyCrosses(
          order.side,
          order.price,
          side === BID ? m.engine.bestAsk() : m.engine.bestBid(),
        );
        if (crosses) return crosses;
      }
      const out = paperExecution;
      clearExecution(out);
      const result =
        order.price === undefined
          ? m.engine.market(side, order.size, out)
          : m.engine.limit(side, order.price, order.size, out, order.tif === 'ioc' ? 'ioc' : 'gtc');
      // Fills of other paper orders resting on the other side first: their owners hear of them like any maker.
      reportPaperMakers(m, out);
      const fills: VenueFill[] = out.fills
        .filter((f) => f.takerId === result.id)
        .map((f) => ({ price: f.price, size: f.size, liquidity: 'taker', printed: true }));
      if (result.resting > 0) {
        const ids = paperOrders.get(m) ?? new Set<number>();
        ids.add(result.id);
        paperOrders.set(m, ids);
      }
      emitExecution(m, out, time, sink);
      return { ok: true, id: result.id, fills, resting: result.resting };
    },
    cancelOrder(symbol, id, time, sink) {
      const m = marketOf(symbol);
      const ids = paperOrders.get(m);
      // Only paper orders: an id is not a licence to cancel an agent's order.
      if (!ids?.delete(id)) return 0 as Lots;
      const out = paperExecution;
      clearExecution(out);
      const lots = m.engine.cancel(id, out);
      emitExecution(m, out, time, sink);
      return lots;
    },
    sweep(symbol, side, size, limit) {
      const m = marketOf(symbol);
      return sweepLevels(m.engine.levels(side === 'buy' ? ASK : BID), side, size, limit);
    },
    mark(symbol) {
      const m = marketOf(symbol);
      return (
        markPrice(m.engine.bestBid(), m.engine.bestAsk(), undefined) ?? (Math.max(1, Math.round(m.fair.value)) as Ticks)
      );
    },
    halted: (symbol) => marketOf(symbol).halted,
    onPaperFill(listener) {
      paperFill = listener;
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

/**
 * The session as a paper trading venue. `output` says where the orders' events go and their time (the last step's):
 * undefined while the market is not running, and then orders are refused as halted.
 */
export function sessionVenue(
  session: () => SimSession,
  output: () => { sink: MarketEventSink; time: number } | undefined,
): PaperVenue {
  return {
    halted: (symbol) => output() === undefined || session().halted(symbol),
    sweep: (symbol, side, size, limit) => session().sweep(symbol, side, size, limit),
    mark: (symbol) => session().mark(symbol),
    place(order) {
      const out = output();
      if (!out) return { ok: false, code: 'market_halted', message: `${order.symbol}: the simulator is not running` };
      return session().placeOrder(order, out.time, out.sink);
    },
    cancel(symbol, id) {
      const out = output();
      return out ? session().cancelOrder(symbol, id, out.time, out.sink) : (0 as Lots);
    },
    onFill: (listener) => session().onPaperFill(listener),
  };
}
