// Snapshots served from a cache per (symbol, epoch, seq): a snapshot is a function of the state it is as of, so every
// request between two updates of a symbol gets the same object, serialized once (the encoder writes its remembered
// JSON into each ack; batch-encoder.ts). A burst of subscribes then costs one serialization per symbol, and its
// answers share one string instead of each holding a copy. Its size is known before answering, so a connection's
// byte budget and queue cap are checked before anything is written.

import type { SymbolSnapshot } from '@tickline/shared';
import { rememberJson } from './batch-encoder.ts';
import type { MarketView } from './market-view.ts';

export interface CachedSnapshot {
  readonly snapshot: SymbolSnapshot;
  /** Its JSON's length: ASCII, so its size on the wire. */
  readonly bytes: number;
}

interface Entry extends CachedSnapshot {
  readonly epoch: string | number;
  readonly seq: number;
}

export class SnapshotCache {
  /** One entry per symbol: the latest state asked for. An older one is never asked for again. */
  private readonly entries = new Map<string, Entry>();
  private builds = 0;

  constructor(private readonly view: MarketView) {}

  /** The snapshot of `symbol` as of its last update; undefined when the view has none (unknown, or not ready). */
  get(symbol: string, now: number): CachedSnapshot | undefined {
    const described = this.view.describe(symbol, now);
    if (!described) return undefined;
    const epoch = this.view.epoch;
    const hit = this.entries.get(symbol);
    if (hit && hit.epoch === epoch && hit.seq === described.seq) return hit;
    const snapshot = this.view.snapshot(symbol, now);
    if (!snapshot) return undefined;
    const json = JSON.stringify(snapshot);
    rememberJson(snapshot, json);
    const entry: Entry = { snapshot, bytes: json.length, epoch, seq: snapshot.seq };
    this.entries.set(symbol, entry);
    this.builds++;
    return entry;
  }

  /** Snapshots built (cache misses) since start. */
  get built(): number {
    return this.builds;
  }
}
