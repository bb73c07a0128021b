// What the client-facing side of a server reads to answer requests: the symbols, their snapshots and health. The
// hub is one (a single process and the feed node); a cluster edge's replicas of the bus are another.

import type { Epoch, SymbolSnapshot, SymbolSpec, SymbolStatus } from '@tickline/shared';

/** One symbol's stream at a glance, for /api/stats: two servers with equal (epoch, sid, seq, checksum) agree. */
export interface SymbolDescription {
  sid: number;
  seq: number;
  checksum: number;
  status: SymbolStatus;
  /** Since this server last heard anything about the symbol (its feed's event, or a bus entry on an edge). */
  lastEventAgeMs: number;
}

export interface MarketView {
  /** The epoch the snapshots and sequence numbers belong to. */
  readonly epoch: Epoch;
  specs(): SymbolSpec[];
  has(symbol: string): boolean;
  /** Whether every symbol has a state to snapshot now. */
  ready(symbols: readonly string[]): boolean;
  /** Resolves true once `ready(symbols)`, or false after `timeoutMs`. */
  whenReady(symbols: readonly string[], timeoutMs: number): Promise<boolean>;
  /** The published state as of the last update; undefined for an unknown symbol or one not ready. */
  snapshot(symbol: string, time: number): SymbolSnapshot | undefined;
  describe(symbol: string, now: number): SymbolDescription | undefined;
}
