// What the client counts about its stream, per symbol and per connection: the diagnostics panel shows it, and
// headless clients (e2e fault tests) read it through `MarketStore.diagnostics()`.

import { RESYNC_REASONS, type ResyncReason, type SymbolStatus } from '@tickline/shared';
import type { FeedView } from './feed-view.ts';

export type ResyncCounts = Record<ResyncReason, number>;

/** Counters one symbol's stream accumulates over the store's life. */
export interface SymbolCounters {
  /** Updates applied in sequence. */
  updates: number;
  /** Sequence gaps seen (each makes the replica unsynced until a snapshot). */
  gaps: number;
  /** Updates or snapshots whose book failed its checksum. */
  mismatches: number;
  /** Updates at or below the replica's seq, ignored. */
  duplicates: number;
  /** Resync requests sent, by reason (a request naming several symbols counts once for each). */
  resyncs: ResyncCounts;
  /** Snapshots applied (subscribe and resync answers). */
  snapshots: number;
}

export interface SymbolDiagnostics extends Readonly<SymbolCounters> {
  readonly symbol: string;
  readonly seq: number;
  readonly status: SymbolStatus;
  readonly synced: boolean;
  /** Sum of `resyncs` over every reason. */
  readonly resyncTotal: number;
}

export interface ConnectionDiagnostics {
  /** Successful connects, the first included. */
  readonly connects: number;
  /** Connects after the first. */
  readonly reconnects: number;
  readonly disconnects: number;
  /** Heartbeats that went unanswered in time while connected. */
  readonly stalls: number;
  /** The newest ping round trip (ms); null before the first. */
  readonly rtt: number | null;
  /** Server clock minus ours (ms), from the fastest recent ping; null before the first. */
  readonly clockOffset: number | null;
  /** The Engine.IO transport of the current connection ('websocket', 'polling'); null before the first connect. */
  readonly transport: string | null;
}

export interface MarketDiagnostics {
  readonly connection: ConnectionDiagnostics;
  /** The epoch and staleness of the server's feed, as its last `feed:status` said. */
  readonly feed: FeedView;
  readonly symbols: readonly SymbolDiagnostics[];
}

export function emptyCounters(): SymbolCounters {
  return {
    updates: 0,
    gaps: 0,
    mismatches: 0,
    duplicates: 0,
    // Spelled out so that the compiler names any reason shared adds and this misses.
    resyncs: { gap: 0, checksum: 0, reconnect: 0, timeout: 0, manual: 0, epoch: 0 },
    snapshots: 0,
  };
}

export function resyncTotal(resyncs: ResyncCounts): number {
  let total = 0;
  for (const reason of RESYNC_REASONS) total += resyncs[reason];
  return total;
}
