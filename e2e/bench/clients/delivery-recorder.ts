// Counts what clients receive: trades and book level changes, and each trade's latency (now - the trade's scheduled
// time) when its scheduled time falls in the measuring window. Shared by a group of clients; fixed memory.

import { LatencyHistogram } from '../latency-histogram.ts';

export class DeliveryRecorder {
  /** Trades and book level changes received, by arrival, since start (for throughput and bytes per update). */
  arrived = 0;
  /** Updates scheduled inside [from, to) received so far, counted by their trades (`countTradesAs`), and latencies. */
  inWindow = 0;
  /** Book checksums that did not match (real clients only; expected 0): a client's book was not the server's. */
  mismatches = 0;
  private tradeWeight = 1;
  readonly latency = new LatencyHistogram();
  private from = Infinity;
  private to = -Infinity;

  arm(from: number, to: number): void {
    this.from = from;
    this.to = to;
    this.inWindow = 0;
    this.latency.reset();
  }

  /**
   * Delivery and latency are read off trades, the updates that carry their scheduled time to every client. Under book
   * traffic each trade stands for its symbol's whole cycle (3 level changes, then the trade: fixed-schedule.ts), which
   * every server delivers in order, so `inWindow` still counts offered updates (what `expected` counts).
   */
  countTradesAs(updates: number): void {
    this.tradeWeight = updates;
  }

  /** Book level changes that arrived: they count for bytes per update (Tickline's wire gives them no time). */
  levels(count: number): void {
    this.arrived += count;
  }

  trade(stamp: number, now: number): void {
    this.arrived++;
    if (stamp >= this.from && stamp < this.to) {
      this.inWindow += this.tradeWeight;
      this.latency.record(now - stamp);
    }
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
