// Per-symbol stream counters the server can see: updates sent, snapshots served, resyncs by the client's reason.
// Exposed at GET /api/stats so an operator can tell a flaky network (gaps) from a bug (checksum mismatches).

import { RESYNC_REASONS, type ResyncReason } from '@tickline/shared';

export interface SymbolCounters {
  updatesSent: number;
  snapshotsSent: number;
  resyncs: Record<ResyncReason, number>;
}

/**
 * Why the server refused a client's request or cut its connection: over its request or byte budget, too much unread
 * data queued (refused before answering), over the per-connection symbol limit; cut for abuse (past its inbound
 * byte budget, or ignoring refusals), or as a slow consumer (over the queue cap, or a backlog that did not drain).
 */
export const REFUSAL_REASONS = [
  'rate_limited',
  'backlog',
  'too_many_symbols',
  'abuse',
  'slow_consumer_cap',
  'slow_consumer_stall',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

const zeroResyncs = (): Record<ResyncReason, number> =>
  Object.fromEntries(RESYNC_REASONS.map((r) => [r, 0])) as Record<ResyncReason, number>;

export class StreamStats {
  private readonly counters = new Map<string, SymbolCounters>();
  private readonly refusalCounts = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, 0])) as Record<
    RefusalReason,
    number
  >;

  /** A request refused, or a connection cut, for `reason` (counted for /api/stats and /metrics). */
  refused(reason: RefusalReason): void {
    this.refusalCounts[reason]++;
  }

  refusals(): Record<RefusalReason, number> {
    return { ...this.refusalCounts };
  }

  private of(symbol: string): SymbolCounters {
    let c = this.counters.get(symbol);
    if (!c) {
      c = { updatesSent: 0, snapshotsSent: 0, resyncs: zeroResyncs() };
      this.counters.set(symbol, c);
    }
    return c;
  }

  updateSent(symbol: string): void {
    this.of(symbol).updatesSent++;
  }

  snapshotSent(symbol: string): void {
    this.of(symbol).snapshotsSent++;
  }

  resync(symbol: string, reason: ResyncReason): void {
    this.of(symbol).resyncs[reason]++;
  }

  get(symbol: string): SymbolCounters {
    const c = this.of(symbol);
    return { ...c, resyncs: { ...c.resyncs } };
  }

  totals(): SymbolCounters {
    const total: SymbolCounters = { updatesSent: 0, snapshotsSent: 0, resyncs: zeroResyncs() };
    for (const c of this.counters.values()) {
      total.updatesSent += c.updatesSent;
      total.snapshotsSent += c.snapshotsSent;
      for (const reason of RESYNC_REASONS) total.resyncs[reason] += c.resyncs[reason];
    }
    return total;
  }
}
