// A cluster edge's market state: one verified replica per symbol, built from the feed node's snapshots and the
// updates of the bus, exactly as a browser builds its own. The edge answers subscribe and resync from these, so a
// client on any edge gets the feed node's sid, seq and checksum; a replica that fails its checksum or sees a gap
// stops serving until it is reloaded, so a corrupted bus is detected, never passed on.

import {
  type ApplyResult,
  type Epoch,
  makeInstrument,
  type MarketUpdate,
  type SymbolSnapshot,
  SymbolReplica,
  type SymbolSpec,
} from '@tickline/shared';
import type { MarketView, SymbolDescription } from '../hub/market-view.ts';
import type { ShardMeta } from './bus-records.ts';

/** What became of a snapshot offered to a replica. */
export type OfferResult = 'applied' | 'kept' | 'mismatch';

interface Waiter {
  symbols: readonly string[];
  resolve: (ready: boolean) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class EdgeReplicas implements MarketView {
  /** -1 until the first meta is loaded. */
  epoch: Epoch = -1;
  private meta: ShardMeta | undefined;
  private readonly replicas = new Map<string, SymbolReplica>();
  private readonly bySid = new Map<number, string>();
  private readonly waiters = new Set<Waiter>();
  private lastHeardAt = Number.NEGATIVE_INFINITY;
  private feedStale = true;

  /** The shard as its feed node describes it; undefined before the first load. */
  get shard(): ShardMeta | undefined {
    return this.meta;
  }

  /** Starts over for a new epoch: every replica empty, every stream id forgotten. */
  reset(meta: ShardMeta): void {
    this.meta = meta;
    this.epoch = meta.epoch;
    this.replicas.clear();
    this.bySid.clear();
    for (const spec of meta.specs) {
      this.replicas.set(
        spec.symbol,
        new SymbolReplica(spec.symbol, {
          instrument: makeInstrument(spec),
          tradeCapacity: meta.tradeHistory,
          candleCapacity: meta.candleHistory,
        }),
      );
    }
  }

  symbols(): string[] {
    return [...this.replicas.keys()];
  }

  symbolOf(sid: number): string | undefined {
    return this.bySid.get(sid);
  }

  /**
   * Takes a snapshot unless the replica is already synced at or past it (it came from the same epoch's stream, so
   * it is as good, and the entries after it are replayed as duplicates); a snapshot failing its checksum is refused.
   */
  offer(snapshot: SymbolSnapshot): OfferResult {
    const replica = this.replicas.get(snapshot.symbol);
    if (!replica || snapshot.epoch !== this.epoch) return 'mismatch';
    if (replica.synced && replica.seq >= snapshot.seq) return 'kept';
    if (replica.applySnapshot(snapshot) === 'mismatch') return 'mismatch';
    this.bySid.set(snapshot.sid, snapshot.symbol);
    return 'applied';
  }

  apply(symbol: string, update: MarketUpdate): ApplyResult {
    return this.replicas.get(symbol)?.applyUpdate(update) ?? 'unsynced';
  }

  /** The feed node was heard from (any entry, heartbeats included). */
  heard(now: number): void {
    this.lastHeardAt = now;
  }

  silentFor(now: number): number {
    return now - this.lastHeardAt;
  }

  setFeedStale(stale: boolean): void {
    this.feedStale = stale;
  }

  // --- MarketView ------------------------------------------------------------------------------------------

  specs(): SymbolSpec[] {
    return this.meta ? [...this.meta.specs] : [];
  }

  has(symbol: string): boolean {
    return this.replicas.has(symbol);
  }

  ready(symbols: readonly string[]): boolean {
    return symbols.every((s) => this.replicas.get(s)?.synced === true);
  }

  whenReady(symbols: readonly string[], timeoutMs: number): Promise<boolean> {
    if (this.ready(symbols)) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        symbols,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Lets the requests waiting for symbols that are ready now go on; called after every batch of bus work. */
  wakeWaiters(): void {
    for (const waiter of this.waiters) {
      if (!this.ready(waiter.symbols)) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }

  /** Answers every waiting request now, unready (shutdown). */
  releaseWaiters(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
  }

  snapshot(symbol: string, time: number): SymbolSnapshot | undefined {
    const replica = this.replicas.get(symbol);
    return replica?.synced ? replica.toSnapshot(time) : undefined;
  }

  describe(symbol: string, now: number): SymbolDescription | undefined {
    const r = this.replicas.get(symbol);
    if (!r) return undefined;
    return {
      sid: r.sid,
      seq: r.seq,
      checksum: r.checksum,
      status: this.feedStale ? 'stale' : r.status,
      lastEventAgeMs: Number.isFinite(this.lastHeardAt) ? now - this.lastHeardAt : -1,
    };
  }
}
