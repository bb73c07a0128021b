// What one connection may cost the server: requests a second, snapshot bytes a second (a request of ~100 bytes can
// ask for ~100 KB of snapshots), bytes received a second, symbols followed, bytes queued unread, and how long its
// queue may stay undrained. Budgets are token buckets, so an ordinary client's bursts (a subscribe to everything on
// connect, a few resyncs after a gap) pass and a sustained flood is refused. The defaults are in docs/SECURITY.md.

import { type BucketLimits, TokenBucket } from './token-bucket.ts';

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

/** The buckets' limits of one ClientLimits, made once and shared by every connection's budget. */
interface BucketShapes {
  requests: BucketLimits;
  snapshotBytes: BucketLimits;
  inbound: BucketLimits;
}
const shapes = new WeakMap<ClientLimits, BucketShapes>();
function shapesOf(limits: ClientLimits): BucketShapes {
  let s = shapes.get(limits);
  if (!s) {
    s = {
      requests: { rate: limits.requestsPerSecond, burst: limits.requestBurst },
      snapshotBytes: { rate: limits.snapshotBytesPerSecond, burst: limits.snapshotBurstBytes },
      inbound: { rate: limits.inboundBytesPerSecond, burst: limits.inboundBurstBytes },
    };
    shapes.set(limits, s);
  }
  return s;
}

/**
 * One connection's budgets. Each bucket is made when first drawn from: until then it would be full whenever asked
 * (a bucket refills up to its burst and no further), so one made late is the same, and a connection that asks for
 * nothing (most of a crowd, most of the time) holds no bucket at all.
 */
export class ClientBudget {
  private readonly shapes: BucketShapes;
  private requests: TokenBucket | undefined;
  private snapshotBytes: TokenBucket | undefined;
  private inbound: TokenBucket | undefined;
  private refusedInARow = 0;

  constructor(private readonly limits: ClientLimits) {
    this.shapes = shapesOf(limits);
  }

  /** One request: 0 when it may go on, else the ms to wait. */
  takeRequest(now: number): number {
    return (this.requests ??= new TokenBucket(this.shapes.requests, now)).take(1, now);
  }

  /** An answer of `bytes` snapshot bytes: 0 when it may go out, else the ms to wait. */
  takeSnapshotBytes(bytes: number, now: number): number {
    return (this.snapshotBytes ??= new TokenBucket(this.shapes.snapshotBytes, now)).take(bytes, now);
  }

  /** Bytes received; false once the connection has sent more than its inbound budget (it is to be cut). */
  received(bytes: number, now: number): boolean {
    const inbound = (this.inbound ??= new TokenBucket(this.shapes.inbound, now));
    inbound.charge(bytes, now);
    return inbound.level(now) >= 0;
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
