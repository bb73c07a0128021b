// What one connection may cost the server: requests a second, snapshot bytes a second (a request of ~100 bytes can
// ask for ~100 KB of snapshots), bytes received a second, symbols followed, bytes queued unread, and how long its
// queue may stay undrained. Budgets are token buckets, so an ordinary client's bursts (a subscribe to everything on
// connect, a few resyncs after a gap) pass and a sustained flood is refused. The defaults are in docs/SECURITY.md.

import { TokenBucket } from './token-bucket.ts';

export interface ClientLimits {
  /** Requests (subscribe, resync, unsubscribe, history, ping) a second, and the burst above it. */
  requestsPerSecond: number;
  requestBurst: number;
  /** Snapshot and history bytes answered a second, and the burst above it. */
  snapshotBytesPerSecond: number;
  snapshotBurstBytes: number;
  /** Bytes received a second (any packet), and the burst above it; past it the connection is cut. */
  inboundBytesPerSecond: number;
  inboundBurstBytes: number;
  /** Symbols one connection may follow at once. */
  maxSymbolsPerSocket: number;
  /** Bytes queued for a connection that the kernel has not taken: past it the connection is cut (slow consumer). */
  maxQueuedBytes: number;
  /** A connection whose queue has not drained for this long is cut (slow consumer). */
  stallMs: number;
  /** Refused requests in a row after which the connection is cut: a client that ignores refusals is not a client. */
  refusalsBeforeDisconnect: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  requestsPerSecond: 10,
  requestBurst: 40,
  snapshotBytesPerSecond: 512 * 1024,
  snapshotBurstBytes: 4 * 1024 * 1024,
  inboundBytesPerSecond: 16 * 1024,
  inboundBurstBytes: 64 * 1024,
  maxSymbolsPerSocket: 500,
  maxQueuedBytes: 4 * 1024 * 1024,
  stallMs: 20_000,
  refusalsBeforeDisconnect: 100,
};

/** One connection's budgets. */
export class ClientBudget {
  private readonly requests: TokenBucket;
  private readonly snapshotBytes: TokenBucket;
  private readonly inbound: TokenBucket;
  private refusedInARow = 0;

  constructor(
    private readonly limits: ClientLimits,
    now: number,
  ) {
    this.requests = new TokenBucket({ rate: limits.requestsPerSecond, burst: limits.requestBurst }, now);
    this.snapshotBytes = new TokenBucket(
      { rate: limits.snapshotBytesPerSecond, burst: limits.snapshotBurstBytes },
      now,
    );
    this.inbound = new TokenBucket({ rate: limits.inboundBytesPerSecond, burst: limits.inboundBurstBytes }, now);
  }

  /** One request: 0 when it may go on, else the ms to wait. */
  takeRequest(now: number): number {
    return this.requests.take(1, now);
  }

  /** An answer of `bytes` snapshot bytes: 0 when it may go out, else the ms to wait. */
  takeSnapshotBytes(bytes: number, now: number): number {
    return this.snapshotBytes.take(bytes, now);
  }

  /** Bytes received; false once the connection has sent more than its inbound budget (it is to be cut). */
  received(bytes: number, now: number): boolean {
    this.inbound.charge(bytes, now);
    return this.inbound.level(now) >= 0;
  }

  /** A request was answered. */
  accepted(): void {
    this.refusedInARow = 0;
  }

  /** A request was refused; true once the client has ignored enough refusals to be cut. */
  refused(): boolean {
    return ++this.refusedInARow >= this.limits.refusalsBeforeDisconnect;
  }
}
