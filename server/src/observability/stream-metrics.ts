// The client-facing side's metrics: connections, subscriptions, what was sent, resyncs, refusals and slow
// consumers. Everything but the bytes is read at scrape time from counters the stream server keeps anyway.

import { RESYNC_REASONS } from '@tickline/shared';
import { Counter, type Registry } from 'prom-client';
import type { DeliveryCounts } from '../hub/fan-out.ts';
import { REFUSAL_REASONS, type StreamStats } from '../hub/stream-stats.ts';
import { collectedCounter, collectedGauge } from './collected-metrics.ts';

export interface StreamMetricsSource {
  symbols(): readonly string[];
  connections(): number;
  subscribers(symbol: string): number;
  stats: StreamStats;
  delivered: Readonly<DeliveryCounts>;
  /** Connections cut as slow consumers since start. */
  slowConsumersCut(): number;
  /** Handshakes the gate refused, by reason (host, origin, connections, unauthorized). */
  handshakeRefusals(): Readonly<Record<string, number>>;
}

export interface StreamMetrics {
  /** One Engine.IO packet written to a client, of `bytes` payload bytes. */
  sent(bytes: number): void;
}

export function registerStreamMetrics(registry: Registry, source: StreamMetricsSource): StreamMetrics {
  const { stats } = source;
  collectedGauge(registry, {
    name: 'tickline_connections',
    help: 'Socket.IO clients connected to this server',
    read: () => [[{}, source.connections()]],
  });
  collectedGauge(registry, {
    name: 'tickline_subscriptions',
    help: 'Clients following each symbol',
    labelNames: ['symbol'],
    read: () => source.symbols().map((symbol) => [{ symbol }, source.subscribers(symbol)] as const),
  });
  collectedCounter(registry, {
    name: 'tickline_updates_sent_total',
    help: 'Updates of each symbol put out by the fan-out: one per flush that changed it, however many clients follow it',
    labelNames: ['symbol'],
    read: () => source.symbols().map((symbol) => [{ symbol }, stats.get(symbol).updatesSent] as const),
  });
  collectedCounter(registry, {
    name: 'tickline_snapshots_sent_total',
    help: 'Snapshots of each symbol sent in answer to subscribe and resync',
    labelNames: ['symbol'],
    read: () => source.symbols().map((symbol) => [{ symbol }, stats.get(symbol).snapshotsSent] as const),
  });
  collectedCounter(registry, {
    name: 'tickline_update_deliveries_total',
    help: 'Updates written to clients: one per update per client that follows its symbol',
    read: () => [[{}, source.delivered.updates]],
  });
  collectedCounter(registry, {
    name: 'tickline_md_messages_sent_total',
    help: 'Market data (md) messages written to clients, one per client per flush',
    read: () => [[{}, source.delivered.messages]],
  });
  collectedCounter(registry, {
    name: 'tickline_resyncs_total',
    help: 'Resync requests by the reason the client gave (gap, checksum, reconnect, epoch, manual, ...)',
    labelNames: ['reason'],
    read: () => {
      const totals = stats.totals().resyncs;
      return RESYNC_REASONS.map((reason) => [{ reason }, totals[reason]] as const);
    },
  });
  collectedCounter(registry, {
    name: 'tickline_refusals_total',
    help: 'Requests refused or connections cut, by reason (rate_limited, backlog, too_many_symbols, abuse, slow_consumer_*)',
    labelNames: ['reason'],
    read: () => {
      const refusals = stats.refusals();
      return REFUSAL_REASONS.map((reason) => [{ reason }, refusals[reason]] as const);
    },
  });
  collectedCounter(registry, {
    name: 'tickline_slow_consumers_cut_total',
    help: 'Connections cut because they stopped reading (over the queue cap, or a backlog not drained in time)',
    read: () => [[{}, source.slowConsumersCut()]],
  });
  collectedCounter(registry, {
    name: 'tickline_handshake_refusals_total',
    help: 'Handshakes refused by the gate, by reason (host, origin, connections, unauthorized)',
    labelNames: ['reason'],
    read: () => Object.entries(source.handshakeRefusals()).map(([reason, n]) => [{ reason }, n] as const),
  });
  // Counted as packets are created: there is no running total of them to read.
  const bytes = new Counter({
    name: 'tickline_sent_bytes_total',
    help: 'Payload bytes of the Engine.IO packets written to clients (market data, acks with snapshots, events; not WebSocket framing)',
    registers: [registry],
  });
  const packets = new Counter({
    name: 'tickline_sent_packets_total',
    help: 'Engine.IO packets written to clients (including pings)',
    registers: [registry],
  });
  return {
    sent(n) {
      bytes.inc(n);
      packets.inc();
    },
  };
}
