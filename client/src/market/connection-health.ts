// The connection's side of the store: its status, whether the heartbeat stalled, the clock estimate and the
// connection counters. Owned by MarketStore, which notifies React when `onChange` fires.

import { ClockSync, type PingSample } from './clock-sync.ts';
import type { ConnectionDiagnostics } from './diagnostics.ts';

/**
 * - connecting: no connection yet, or the first snapshots are not all in;
 * - live: connected, heartbeat answered, snapshots applied;
 * - stalled: connected, but a heartbeat went unanswered: what we show may be late;
 * - reconnecting: the connection dropped (or its snapshots are not all in again); the socket is retrying;
 * - offline: closed for good.
 */
export type ConnectionStatus = 'connecting' | 'live' | 'stalled' | 'reconnecting' | 'offline';

export class ConnectionHealth {
  private status: Exclude<ConnectionStatus, 'stalled'> = 'connecting';
  private stalled = false;
  private readonly clock = new ClockSync();
  private counters = { connects: 0, disconnects: 0, stalls: 0 };
  private transport: string | null = null;

  constructor(private readonly onChange: () => void) {}

  /** The status as shown: a live connection whose heartbeat stalled reads 'stalled'. */
  get effectiveStatus(): ConnectionStatus {
    return this.stalled && this.status === 'live' ? 'stalled' : this.status;
  }

  get isStalled(): boolean {
    return this.stalled;
  }

  get rtt(): number | null {
    return this.clock.rtt;
  }

  /** Server clock minus ours, 0 until a ping has measured it. */
  get clockOffset(): number {
    return this.clock.offset ?? 0;
  }

  setStatus(status: Exclude<ConnectionStatus, 'stalled'>): void {
    if (status === this.status) return;
    this.status = status;
    this.onChange();
  }

  setStalled(stalled: boolean): void {
    if (stalled === this.stalled) return;
    this.stalled = stalled;
    if (stalled) this.counters.stalls++;
    this.onChange();
  }

  connected(transport: string | null): void {
    this.counters.connects++;
    this.transport = transport;
    this.stalled = false;
    this.onChange();
  }

  disconnected(): void {
    this.counters.disconnects++;
    this.stalled = false;
    this.onChange();
  }

  ping(sample: PingSample, transport: string | null): void {
    this.clock.add(sample);
    if (transport !== null) this.transport = transport;
    this.onChange();
  }

  diagnostics(): ConnectionDiagnostics {
    const { connects, disconnects, stalls } = this.counters;
    return {
      connects,
      reconnects: Math.max(0, connects - 1),
      disconnects,
      stalls,
      rtt: this.clock.rtt,
      clockOffset: this.clock.offset,
      transport: this.transport,
    };
  }
}
