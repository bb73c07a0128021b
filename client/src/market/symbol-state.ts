// What the store keeps per symbol: the replica, change counters for the views, the last price move, the stream
// counters; and the small pure steps that update them.

import { makeInstrument, SymbolReplica, type Instrument, type SymbolSpec, type Ticks } from '@tickline/shared';
import { emptyCounters, resyncTotal, type SymbolCounters, type SymbolDiagnostics } from './diagnostics.ts';

/** The direction of a symbol's last price change; `seq` counts changes so a flash can be keyed to re-trigger. */
export interface PriceMove {
  readonly direction: 'up' | 'down' | null;
  readonly seq: number;
}

/** Per-symbol change counters, one per part, so a view derived from the book is not rebuilt by a trade. */
export interface SymbolVersions {
  readonly book: number;
  readonly trades: number;
  readonly candles: number;
  readonly ticker: number;
}

/**
 * Whether a symbol's prices may be shown as live, and if not, why (the first that applies): disconnected (the
 * connection is not live), stale (the server hears nothing from its feed), resyncing (its replica awaits a
 * snapshot), halted or stale (the server says so of the symbol).
 */
export type SymbolFreshness = 'live' | 'disconnected' | 'resyncing' | 'halted' | 'stale';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface SymbolState {
  readonly instrument: Instrument;
  readonly replica: SymbolReplica;
  readonly versions: Mutable<SymbolVersions>;
  readonly counters: SymbolCounters;
  move: PriceMove;
}

const NO_MOVE: PriceMove = { direction: null, seq: 0 };

export function createSymbolState(spec: SymbolSpec, tradeCapacity: number, candleCapacity: number): SymbolState {
  const instrument = makeInstrument(spec);
  return {
    instrument,
    // With the instrument, the replica checks every snapshot and book update against the server's checksum.
    replica: new SymbolReplica(spec.symbol, { instrument, tradeCapacity, candleCapacity }),
    versions: { book: 0, trades: 0, candles: 0, ticker: 0 },
    counters: emptyCounters(),
    move: NO_MOVE,
  };
}

/** Records the direction of a last-price change; no change, or an unknown side, keeps the current move. */
export function trackMove(state: SymbolState, before: Ticks | null, after: Ticks | null): void {
  if (before === null || after === null || before === after) return;
  state.move = { direction: after > before ? 'up' : 'down', seq: state.move.seq + 1 };
}

export function symbolDiagnostics(state: SymbolState): SymbolDiagnostics {
  const { replica, counters } = state;
  return {
    symbol: replica.symbol,
    seq: replica.seq,
    status: replica.status,
    synced: replica.synced,
    ...counters,
    resyncs: { ...counters.resyncs },
    resyncTotal: resyncTotal(counters.resyncs),
  };
}
