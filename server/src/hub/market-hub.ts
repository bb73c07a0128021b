// The hub: every feed's events land here, per symbol; the flush loop drains it into sequenced updates.

import {
  type Epoch,
  type HistoryAck,
  type HistoryRequest,
  MAX_TRADES_PER_UPDATE,
  type MarketUpdate,
  type SymbolSnapshot,
  type SymbolSpec,
  specProblem,
} from '@tickline/shared';
import type { MarketEvent } from '../feeds/feed.ts';
import type { MarketView, SymbolDescription } from './market-view.ts';
import { SymbolState, type SymbolStateOptions } from './symbol-state.ts';

export interface HubStats {
  eventsIngested: number;
  eventsRejected: number;
  updatesFlushed: number;
}

export class MarketHub implements MarketView {
  private readonly states = new Map<string, SymbolState>();
  private readonly dirty = new Set<SymbolState>();
  readonly stats: HubStats = { eventsIngested: 0, eventsRejected: 0, updatesFlushed: 0 };
  /** This run of the sequencer: its sequence numbers start at 0 and mean nothing in another epoch. */
  readonly epoch: Epoch;

  constructor(
    private readonly options: SymbolStateOptions,
    private readonly clock: () => number,
    private readonly onBadEvent: (event: MarketEvent, reason: string) => void = () => {},
    /** Defaults to the creation time, which no earlier run of a server on this clock can have had. */
    epoch?: Epoch,
  ) {
    this.epoch = epoch ?? clock();
    if (!(options.maxTradesPerUpdate >= 1 && options.maxTradesPerUpdate <= MAX_TRADES_PER_UPDATE)) {
      throw new RangeError(`maxTradesPerUpdate must be 1..${MAX_TRADES_PER_UPDATE}, got ${options.maxTradesPerUpdate}`);
    }
  }

  /** Registers symbols; names must be unique across all feeds. */
  addSymbols(specs: readonly SymbolSpec[]): void {
    for (const spec of specs) {
      const problem = specProblem(spec);
      if (problem) throw new Error(`invalid symbol spec: ${problem}`);
      if (this.states.has(spec.symbol)) throw new Error(`symbol ${spec.symbol} is served by two feeds`);
      this.states.set(spec.symbol, new SymbolState(spec, this.states.size, this.options, this.clock()));
    }
  }

  has(symbol: string): boolean {
    return this.states.has(symbol);
  }

  /** The symbol's stream id (its place in registration order), or undefined for an unknown symbol. */
  sidOf(symbol: string): number | undefined {
    return this.states.get(symbol)?.sid;
  }

  specs(): SymbolSpec[] {
    return [...this.states.values()].map((s) => s.spec);
  }

  /** The sink feeds write to. A bad event is reported and dropped; it never takes the server down. */
  readonly ingest = (event: MarketEvent): void => {
    const state = this.states.get(event.symbol);
    if (!state) {
      this.stats.eventsRejected++;
      this.onBadEvent(event, `unknown symbol ${event.symbol}`);
      return;
    }
    try {
      state.apply(event, this.clock());
      this.stats.eventsIngested++;
      this.dirty.add(state);
    } catch (err) {
      this.stats.eventsRejected++;
      this.onBadEvent(event, err instanceof Error ? err.message : String(err));
    }
  };

  /**
   * One update per symbol that changed since the last flush, or whose status changed (a feed gone quiet). With
   * `conflateBookMs`, a symbol whose last update went out less than that long ago and that has only book changes
   * pending is left for a later flush: a busy book's changes travel together instead of one update each.
   */
  flush(time: number, conflateBookMs = 0): MarketUpdate[] {
    const updates: MarketUpdate[] = [];
    for (const state of this.states.values()) {
      if (!this.dirty.has(state) && state.statusWouldChange(time)) this.dirty.add(state);
    }
    for (const state of this.dirty) {
      if (conflateBookMs > 0 && state.onlyBookSince(time, conflateBookMs)) continue;
      const update = state.flush(time);
      // After the flush, as the whole set was cleared after the loop before: a symbol whose flush threw stays dirty.
      this.dirty.delete(state);
      if (update) updates.push(update);
    }
    this.stats.updatesFlushed += updates.length;
    return updates;
  }

  describe(symbol: string, now: number): SymbolDescription | undefined {
    return this.states.get(symbol)?.describe(now);
  }

  /** Every symbol always has a published state here (empty before its feed's first event). */
  ready(symbols: readonly string[]): boolean {
    return symbols.every((s) => this.states.has(s));
  }

  whenReady(symbols: readonly string[]): Promise<boolean> {
    return Promise.resolve(this.ready(symbols));
  }

  /** Candles from the symbol's history, as of its last update (see HistoryAck). */
  history({ symbol, interval, before, limit }: HistoryRequest): HistoryAck {
    const state = this.states.get(symbol);
    if (!state) return { ok: false, error: { code: 'unknown_symbol', message: `unknown symbol ${symbol}` } };
    const { seq, candles, more } = state.candleHistory(interval, limit, before);
    return { ok: true, symbol, interval, epoch: this.epoch, seq, candles, more };
  }

  snapshot(symbol: string, time: number): SymbolSnapshot | undefined {
    const state = this.states.get(symbol);
    return state && { ...state.snapshot(time), epoch: this.epoch };
  }
}
