// Counts what clients receive: trades and book level changes, and each trade's latency (now - the trade's scheduled
// time) when its scheduled time falls in the measuring window. Shared by a group of clients; fixed memory. The
// window may be cut into equal parts, each with its own count and histogram: the repeats of one step, measured
// back to back after one settle, so a step's figures come with a median and a range.

import { LatencyHistogram } from '../latency-histogram.ts';

export class DeliveryRecorder {
  /** Trades and book level changes received, by arrival, since start (for throughput and bytes per update). */
  arrived = 0;
  /**
   * Data messages received, by arrival, since start: `md` batches, frames or events, whichever a server sends its
   * updates in (for messages per client and a server's CPU per message: server-efficiency.ts).
   */
  messages = 0;
  /** Updates scheduled inside [from, to) received so far, counted by their trades (`countTradesAs`), and latencies. */
  inWindow = 0;
  /** The latest scheduled time among the trades received (-Infinity before any): how current the clients are. */
  newestStamp = Number.NEGATIVE_INFINITY;
  /** Book checksums that did not match (real clients only; expected 0): a client's book was not the server's. */
  mismatches = 0;
  private tradeWeight = 1;
  readonly latency = new LatencyHistogram();
  /** The same per part of the window (one part unless `arm` was asked for more). */
  partDelivered: number[] = [0];
  partLatency: LatencyHistogram[] = [new LatencyHistogram()];
  private from = Infinity;
  private to = -Infinity;

  arm(from: number, to: number, parts = 1): void {
    this.from = from;
    this.to = to;
    this.inWindow = 0;
    this.latency.reset();
    const n = Math.max(1, Math.floor(parts));
    this.partDelivered = Array.from({ length: n }, () => 0);
    if (this.partLatency.length !== n) this.partLatency = Array.from({ length: n }, () => new LatencyHistogram());
    for (const h of this.partLatency) h.reset();
  }

  /**
   * Delivery and latency are read off trades, the updates that carry their scheduled time to every client. Under book
   * traffic each trade stands for its symbol's whole cycle (3 level changes, then the trade: fixed-schedule.ts), which
   * every server delivers in order, so `inWindow` still counts offered updates (what `expected` counts).
   */
  countTradesAs(updates: number): void {
    this.tradeWeight = updates;
  }

  /** One data message arrived (acks, snapshots and pings are not counted). */
  message(): void {
    this.messages++;
  }

  /** Book level changes that arrived: they count for bytes per update (Tickline's wire gives them no time). */
  levels(count: number): void {
    this.arrived += count;
  }

  trade(stamp: number, now: number): void {
    this.arrived++;
    if (stamp > this.newestStamp) this.newestStamp = stamp;
    if (stamp >= this.from && stamp < this.to) {
      this.inWindow += this.tradeWeight;
      const ms = now - stamp;
      this.latency.record(ms);
      const n = this.partDelivered.length;
      if (n > 1) {
        const part = Math.min(n - 1, Math.floor(((stamp - this.from) * n) / (this.to - this.from)));
        this.partDelivered[part]! += this.tradeWeight;
        this.partLatency[part]!.record(ms);
      }
    }
  }

  /** Count and latencies of each part (the whole window when it was armed with one part). */
  parts(): { delivered: number; latency: LatencyHistogram }[] {
    if (this.partDelivered.length === 1) return [{ delivered: this.inWindow, latency: this.latency }];
    return this.partDelivered.map((delivered, i) => ({ delivered, latency: this.partLatency[i]! }));
  }
}

/** How a bench client looks to the load generator, whatever protocol it speaks. */
export interface BenchClient {
  readonly symbols: readonly string[];
  /** Resolves once subscribed (first snapshot or subscribe ack in hand). */
  readonly ready: Promise<void>;
  /** Bytes read from the current TCP connection (frames, headers, pings: everything the wire carried). */
  bytesRead(): { socket: object | undefined; bytes: number };
  /** Stop reading from the socket, as a frozen browser tab would; resume reads again. */
  pause(): void;
  resume(): void;
  close(): void;
  readonly counters: ClientCounters;
}

export interface ClientCounters {
  connects: number;
  disconnects: number;
  resyncs: number;
  gaps: number;
  /** Bench clock of the last (re)subscription that completed, and of the last disconnect. */
  lastSyncedAt: number;
  lastDisconnectAt: number;
}

export const newCounters = (): ClientCounters => ({
  connects: 0,
  disconnects: 0,
  resyncs: 0,
  gaps: 0,
  lastSyncedAt: 0,
  lastDisconnectAt: 0,
});
