// Counts what clients receive: every trade as one update, its latency (bench clock now - the trade's scheduled
// time) when its scheduled time falls in the measuring window. Shared by a group of clients; fixed memory.

import { LatencyHistogram } from '../latency-histogram.ts';

export class DeliveryRecorder {
  /** Trades received, by arrival, since start (for throughput and bytes per update). */
  arrived = 0;
  /** Trades scheduled inside [from, to) received so far, and their latencies. */
  inWindow = 0;
  readonly latency = new LatencyHistogram();
  private from = Infinity;
  private to = -Infinity;

  arm(from: number, to: number): void {
    this.from = from;
    this.to = to;
    this.inWindow = 0;
    this.latency.reset();
  }

  trade(stamp: number, now: number): void {
    this.arrived++;
    if (stamp >= this.from && stamp < this.to) {
      this.inWindow++;
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
