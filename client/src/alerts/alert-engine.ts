// Which alerts fire on an update the client applied: every trade price in order, only over a stream it saw whole.
//
// The engine hears only updates that applied cleanly (MarketStore.onApplied). A snapshot (after a gap, a checksum
// mismatch, a reconnect or a new epoch) shows up as an update whose seq does not follow the last one seen; a price
// jump across that hole is a move nobody saw happen, so it never fires: every watch re-bases and the first trade
// after the hole is the new starting point. The same goes for updates that arrive while the symbol is not live and
// for chart marks (a replay starting again is not a move).

import type { MarketUpdate, Ticks } from '@tickline/shared';
import { isArmed, type Alert, type AlertFiring } from './alert-model.ts';
import { watchCondition, type ConditionWatch } from './condition-watch.ts';

interface SymbolWatches {
  /** The epoch and seq of the last update seen; HOLE after a hole. */
  epoch: number;
  seq: number;
  watches: Map<Alert, ConditionWatch>;
}

/** What the engine needs to know about the symbol besides the update: whether its data is live, and its epoch. */
export interface StreamContext {
  live: boolean;
  epoch: number;
}

/** The last price received (and its server time) at a place in the symbol's stream. */
export interface StreamPoint {
  price: number;
  time: number;
  epoch: number;
  seq: number;
}

/** The seq remembered after a hole: no update follows it. */
const HOLE = -2;

const NONE: readonly AlertFiring[] = [];

export class AlertEngine {
  private readonly symbols = new Map<string, SymbolWatches>();

  /**
   * Watches the armed alerts among `alerts`; an alert object watched before keeps what it has seen. A new one starts
   * from `startFrom(symbol)` when given (the live last price, so the very next trade can cross), else from the next
   * trade.
   */
  watch(alerts: readonly Alert[], startFrom?: (symbol: string) => StreamPoint | undefined): void {
    const next = new Map<string, Map<Alert, ConditionWatch>>();
    for (const alert of alerts) {
      if (!isArmed(alert)) continue;
      let watches = next.get(alert.symbol);
      if (!watches) next.set(alert.symbol, (watches = new Map()));
      const state = this.symbols.get(alert.symbol);
      let watch = state?.watches.get(alert);
      if (!watch) {
        watch = watchCondition(alert.condition);
        const start = startFrom?.(alert.symbol);
        if (start && this.startsAt(alert.symbol, start)) watch.observe(start.price, start.time); // cannot fire
      }
      watches.set(alert, watch);
    }
    for (const [symbol, state] of this.symbols) state.watches = next.get(symbol) ?? new Map();
    for (const [symbol, watches] of next) {
      if (!this.symbols.has(symbol)) this.symbols.set(symbol, { epoch: -1, seq: HOLE, watches });
    }
  }

  /**
   * The alerts `update` (just applied) fires, in the order their trades met them; each fires at most once and is no
   * longer watched after (the caller marks it triggered and calls `watch` again).
   */
  applied(update: MarketUpdate, stream: StreamContext): readonly AlertFiring[] {
    let state = this.symbols.get(update.symbol);
    // Every symbol's place in its stream is followed, watched or not, so an alert added later knows it too.
    if (!state) this.symbols.set(update.symbol, (state = { epoch: -1, seq: HOLE, watches: new Map() }));
    const follows = stream.epoch === state.epoch && update.seq === state.seq + 1;
    state.epoch = stream.epoch;
    state.seq = update.seq;
    if (state.watches.size === 0) return NONE;
    if (!stream.live) {
      state.seq = HOLE; // whatever comes next starts after a hole
      for (const watch of state.watches.values()) watch.rebase();
      return NONE;
    }
    if (!follows || update.marks) for (const watch of state.watches.values()) watch.rebase();
    const trades = update.trades;
    if (!trades) return NONE;
    let firings: AlertFiring[] | undefined;
    for (const trade of trades) {
      const price = trade[1];
      for (const [alert, watch] of state.watches) {
        const direction = watch.observe(price, trade[4]);
        if (direction === null) continue;
        state.watches.delete(alert);
        (firings ??= []).push({ alert, price: price as Ticks, time: trade[4], direction });
      }
    }
    return firings ?? NONE;
  }

  /**
   * Whether a new watch of `symbol` may start from `start`: only when the engine has seen the stream up to exactly
   * that point, or has not seen the symbol at all yet (then it takes up the stream there). After a hole the next
   * update re-bases anyway, so a start from the other side of it would be wiped.
   */
  private startsAt(symbol: string, start: StreamPoint): boolean {
    let state = this.symbols.get(symbol);
    if (!state) this.symbols.set(symbol, (state = { epoch: start.epoch, seq: start.seq, watches: new Map() }));
    if (state.seq === HOLE) {
      state.epoch = start.epoch;
      state.seq = start.seq;
    }
    return state.epoch === start.epoch && state.seq === start.seq;
  }
}
