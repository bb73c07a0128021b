// The Redis bus's own figures: on an edge, what its consumer read and applied (bus-consumer.ts's ConsumerStats);
// on the feed node, what its publisher wrote (PublisherStats). Read at scrape time.

import type { Registry } from 'prom-client';
import type { ConsumerStats } from '../bus/bus-consumer.ts';
import type { PublisherStats } from '../bus/bus-publisher.ts';
import { collectedCounter, collectedGauge } from './collected-metrics.ts';

/** `stats()` is undefined until the edge has started its consumer. */
export function registerBusConsumerMetrics(registry: Registry, stats: () => ConsumerStats | undefined): void {
  const counters = [
    ['tickline_bus_entries_read_total', 'Bus stream entries read by this edge', 'entries'],
    ['tickline_bus_read_bytes_total', 'Bytes of bus entry fields read', 'bytes'],
    ['tickline_bus_updates_applied_total', "Updates from the bus applied to this edge's replicas", 'updatesApplied'],
    [
      'tickline_bus_gaps_total',
      "Updates that did not follow their replica's sequence (the symbol is reloaded)",
      'gaps',
    ],
    [
      'tickline_bus_mismatches_total',
      'Updates whose checksum did not match the replica (never forwarded)',
      'mismatches',
    ],
    ['tickline_bus_bad_entries_total', 'Bus entries that could not be read or were of another epoch', 'badEntries'],
    [
      'tickline_bus_snapshots_loaded_total',
      'Snapshots loaded from Redis into replicas (the start and every reload)',
      'snapshotsLoaded',
    ],
    ['tickline_bus_epoch_changes_total', 'New epochs (feed node restarts) this edge moved to', 'epochChanges'],
  ] as const;
  for (const [name, help, field] of counters) {
    collectedCounter(registry, { name, help, read: () => [[{}, stats()?.[field] ?? 0]] });
  }
  collectedGauge(registry, {
    name: 'tickline_bus_lag_seconds',
    help: "Between the newest bus entry's flush on the feed node and its arrival here (includes clock offsets)",
    read: () => {
      const s = stats();
      return s && s.entries > 0 ? [[{}, s.lagMs / 1000]] : [];
    },
  });
}

export function registerBusPublisherMetrics(registry: Registry, stats: PublisherStats): void {
  const counters = [
    ['tickline_bus_entries_published_total', 'Bus stream entries written by this feed node', 'entries'],
    ['tickline_bus_updates_published_total', 'Updates written to the bus', 'updates'],
    ['tickline_bus_published_bytes_total', 'Bytes of bus entry fields written', 'bytes'],
    ['tickline_bus_snapshots_stored_total', 'Snapshots stored for edges to load', 'snapshots'],
    [
      'tickline_bus_dropped_total',
      'Flushes that could not be written (Redis unreachable); edges resync past them',
      'dropped',
    ],
  ] as const;
  for (const [name, help, field] of counters) {
    collectedCounter(registry, { name, help, read: () => [[{}, stats[field]]] });
  }
}
