// Binance's local-order-book procedure for one symbol, as a pure state machine: diff events and REST snapshots
// go in, book events and requests for a snapshot come out. No sockets, no timers, no clock.
//
// The procedure (Binance spot docs, "How to manage a local order book correctly"): buffer the diff stream, fetch a
// REST snapshot, fetch again if it is older than the buffered diffs, drop diffs it already contains, then apply
// diffs whose update-id ranges follow on from it without a hole. A hole means our book is wrong: rebuild it.

import { type Level, type LevelUpdate, RingBuffer } from '@tickline/shared';
import type { MarketEvent } from '../feed.ts';

/** One `depthUpdate`, already in ticks and lots: the venue changes numbered `first`..`last` (U..u). */
export interface DepthDiff {
  first: number;
  last: number;
  time: number;
  updates: LevelUpdate[];
}

/** A REST depth snapshot, already in ticks and lots: the book as of update `lastUpdateId`. */
export interface DepthSnapshot {
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

export type BookSyncOutput =
  | Extract<MarketEvent, { type: 'book:snapshot' | 'book:delta' }>
  /** Fetch a REST snapshot and hand it to `snapshot(request, ...)`; a newer request supersedes this one. */
  | { type: 'fetch-snapshot'; request: number }
  /** The book is whole and follows the stream. */
  | { type: 'synced' }
  /** The book (or the snapshot it was to be built from) is unusable; a new snapshot has been requested. */
  | { type: 'resync'; reason: string };

/**
 * idle: nothing since the last reset; waiting: buffering diffs until the requested snapshot arrives;
 * bridging: holding an accepted snapshot until a diff continues it; live: applying diffs as they come.
 */
export type BookSyncPhase = 'idle' | 'waiting' | 'bridging' | 'live';

/** Diffs kept while a snapshot is on its way; past this the oldest go, and a snapshot older than them is refetched. */
export const DEFAULT_DIFF_BUFFER = 2000;

export class BinanceBookSync {
  private state: BookSyncPhase = 'idle';
  private readonly buffer: RingBuffer<DepthDiff>;
  private held: DepthSnapshot | undefined;
  private id = 0;
  private request = 0;

  constructor(
    private readonly symbol: string,
    private readonly out: (output: BookSyncOutput) => void,
    bufferSize = DEFAULT_DIFF_BUFFER,
  ) {
    this.buffer = new RingBuffer<DepthDiff>(bufferSize);
  }

  get phase(): BookSyncPhase {
    return this.state;
  }

  /** The update id our book is at (meaningful while bridging or live). */
  get updateId(): number {
    return this.id;
  }

  /** The snapshot request still wanted, or undefined when none is. */
  get pendingRequest(): number | undefined {
    return this.state === 'waiting' ? this.request : undefined;
  }

  /** A new connection: its stream owes nothing to the old one, so everything starts over (no resync is counted). */
  reset(): void {
    this.state = 'idle';
    this.buffer.clear();
    this.held = undefined;
    this.request++;
  }

  /**
   * A diff was lost on our side (a value we could not read). A live book is missing a change until the next diff
   * shows the hole, so it is rebuilt at once; in the other phases the hole shows when the buffer is played.
   */
  invalidate(reason: string): void {
    if (this.state !== 'live') return;
    this.buffer.clear();
    this.resync(reason);
  }

  diff(event: DepthDiff): void {
    switch (this.state) {
      case 'idle':
        // Binance asks for the snapshot only once the stream is buffering, so the two are sure to overlap.
        this.buffer.push(event);
        this.requestSnapshot();
        return;
      case 'waiting':
        this.buffer.push(event);
        return;
      case 'bridging':
      case 'live':
        this.apply(event);
        return;
    }
  }

  snapshot(request: number, snapshot: DepthSnapshot): void {
    if (this.state !== 'waiting' || request !== this.request) return; // superseded by a reset or a newer request
    const first = this.buffer.at(0);
    // The first buffered diff must start at or before the change right after the snapshot; if it starts later,
    // the changes in between are in neither, and only a newer snapshot can cover them.
    if (first !== undefined && snapshot.lastUpdateId + 1 < first.first) {
      this.resync(`snapshot ${snapshot.lastUpdateId} is older than the buffered diffs (from ${first.first})`);
      return;
    }
    this.held = snapshot;
    this.id = snapshot.lastUpdateId;
    this.state = 'bridging';
    const buffered = this.buffer.toArray();
    this.buffer.clear();
    for (let i = 0; i < buffered.length; i++) {
      this.apply(buffered[i] as DepthDiff);
      if (this.phase === 'waiting') {
        // A hole inside the buffer: what follows it is still good stream, kept for the next snapshot.
        for (let j = i + 1; j < buffered.length; j++) this.buffer.push(buffered[j] as DepthDiff);
        return;
      }
    }
  }

  private apply(event: DepthDiff): void {
    // Already in the book: a diff the snapshot contains, a duplicate, or one delivered late.
    if (event.last <= this.id) return;
    if (event.first > this.id + 1) {
      this.buffer.clear();
      this.buffer.push(event);
      this.resync(`gap: expected update ${this.id + 1}, got ${event.first}..${event.last}`);
      return;
    }
    if (this.state === 'bridging' && this.held) {
      const { bids, asks } = this.held;
      this.held = undefined;
      this.out({ type: 'book:snapshot', symbol: this.symbol, time: event.time, bids, asks });
    }
    // Sizes are absolute, so a diff that overlaps changes we already hold (U <= id) still leaves the book right.
    this.id = event.last;
    this.out({ type: 'book:delta', symbol: this.symbol, time: event.time, updates: event.updates });
    if (this.state !== 'live') {
      this.state = 'live';
      this.out({ type: 'synced' });
    }
  }

  private resync(reason: string): void {
    this.held = undefined;
    this.out({ type: 'resync', reason });
    this.requestSnapshot();
  }

  private requestSnapshot(): void {
    this.state = 'waiting';
    this.out({ type: 'fetch-snapshot', request: ++this.request });
  }
}
